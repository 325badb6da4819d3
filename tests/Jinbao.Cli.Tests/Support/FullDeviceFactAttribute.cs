namespace Jinbao.Cli.Tests.Support;

/// <summary>A test that writes to <c>/dev/full</c>, where every write fails with ENOSPC; skipped where the device does not exist.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FullDeviceFactAttribute : FactAttribute
{
    public const string Path = "/dev/full";

    public FullDeviceFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = $"{Path} does not exist on this system.";
        }
    }
}
