using Jinbao.Quality.Checking;
using Jinbao.Quality.Reading;
using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class FileChangeTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"jinbao-change-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void FileAppendedToDuringTheCheck_IsRejected()
    {
        string row = $"{SyntheticIds.CitizenId("11010119900307123")},张三,1,19900307,01,21,110101,13812345678\n";
        File.WriteAllText(_path, "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话\n" + row);

        // The observer is created once the header is read, before the records: the file grows then.
        var options = new CheckOptions
        {
            Path = _path,
            Observer = (_, _, _) =>
            {
                File.AppendAllText(_path, row);
                return null;
            },
        };

        var error = Assert.Throws<ExtractReadException>(() => QualityCheck.Run(options).Dispose());

        Assert.Contains("在检查过程中被改动", error.Message);
        Assert.Contains(Path.GetFileName(_path), error.Message);
    }
}
