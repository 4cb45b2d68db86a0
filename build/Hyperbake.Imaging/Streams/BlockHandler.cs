namespace Hyperbake.Imaging.Streams;

/// <summary>Receives one whole, non-zero block; the span is only valid during the call.</summary>
public delegate void BlockHandler(long index, ReadOnlySpan<byte> block);
