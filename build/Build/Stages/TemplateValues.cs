using System.Text;

namespace Build.Stages;

/// <summary>The values recipe templates may use: <c>{name} {version} {arch} {hv} {platform} {banner}</c>.</summary>
public sealed record TemplateValues(string Name, string Version, string Arch, string Hv, string Platform, string BannerTemplate)
{
    public string Banner => Expand(BannerTemplate, includeBanner: false);

    public string Render(string template) => Expand(template, includeBanner: true);

    private string Expand(string template, bool includeBanner)
    {
        var sb = new StringBuilder(template)
            .Replace("{name}", Name)
            .Replace("{version}", Version)
            .Replace("{arch}", Arch)
            .Replace("{hv}", Hv)
            .Replace("{platform}", Platform);
        if (includeBanner)
        {
            sb.Replace("{banner}", Banner);
        }

        return sb.ToString();
    }
}
