namespace Jinbao.Quality.Registry;

/// <summary>The status (人员状态) the population registry records for a person.</summary>
public enum PersonStatus : byte
{
    /// <summary>正常: the person is alive.</summary>
    Normal = 0,

    /// <summary>死亡: the person is recorded as dead.</summary>
    Deceased = 1,
}
