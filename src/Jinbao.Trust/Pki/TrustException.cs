namespace Jinbao.Trust.Pki;

/// <summary>A failure caused by the input or by a rule of the CA (a bad CSR, a wrong passphrase, an invalid signature); the message is Chinese and says what to do.</summary>
public sealed class TrustException : Exception
{
    public TrustException(string message)
        : base(message)
    {
    }

    public TrustException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
