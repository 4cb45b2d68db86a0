namespace Build.Stages.Imaging;

/// <summary>An option or layout value the imaging targets cannot use; the message names it, its value and the fix.</summary>
public sealed class ImagingInputException(string message) : Exception(message);
