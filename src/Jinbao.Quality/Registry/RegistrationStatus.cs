namespace Jinbao.Quality.Registry;

/// <summary>The registration status (登记状态) the legal-entity registry records for an employer.</summary>
public enum RegistrationStatus : byte
{
    /// <summary>存续: the entity exists and operates.</summary>
    Active = 0,

    /// <summary>注销: the entity was deregistered at its own request.</summary>
    Cancelled = 1,

    /// <summary>吊销: the registration authority revoked the business licence.</summary>
    Revoked = 2,
}
