namespace Jinbao.Server.Tests.Support;

/// <summary>The tests sharing one running server; each creates the accounts it needs.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<TestServer>
{
    public const string Name = "server";
}
