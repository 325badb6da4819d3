using Jinbao.Quality.Tests.Support;

namespace Jinbao.Quality.Tests;

public sealed class DivisionScoreTests
{
    private const string Header = "公民身份号码,姓名,性别,出生日期,民族,学历,行政区划代码,联系电话\n";

    [Fact]
    public void Report_CountsRecordsPerProvinceCityAndCounty()
    {
        string beijing = SyntheticIds.CitizenId("11010119900307123");
        string guangzhou = SyntheticIds.CitizenId("44010319900307123");
        string guangzhou2 = SyntheticIds.CitizenId("44010319900307145");
        string content = Header
            + $"{beijing},张三,1,19900307,01,21,110101,13812345678\n"
            + $"{guangzhou},李四,1,19900307,01,21,440103,13812345678\n"
            + $"{guangzhou2},王5,1,19900307,01,21,440103,13812345678\n";

        var (result, _) = ExtractFile.Check(content);
        using (result)
        {
            var divisions = result.Report.Divisions;
            var guangdong = Assert.Single(divisions, d => d.Code == 440000);
            Assert.Equal(1, guangdong.Level);
            Assert.Equal("广东省", guangdong.Name);
            Assert.Equal(2, guangdong.Records);
            Assert.Equal(1, guangdong.RecordsWithErrors);
            Assert.Equal(50, guangdong.Score);

            var city = Assert.Single(divisions, d => d.Code == 440100);
            Assert.Equal(2, city.Level);
            Assert.Equal("广州市", city.Name);

            var county = Assert.Single(divisions, d => d.Code == 440103);
            Assert.Equal(3, county.Level);

            var capital = Assert.Single(divisions, d => d.Code == 110100);
            Assert.Equal("北京市", capital.Name);
            Assert.Equal(100, Assert.Single(divisions, d => d.Code == 110000).Score);

            Assert.Equal(0, result.Report.RecordsWithoutDivision);
            Assert.True(divisions.Where(d => d.Level == 1).Select(d => d.Score).SequenceEqual(divisions.Where(d => d.Level == 1).Select(d => d.Score).Order()));
        }
    }

    [Fact]
    public void Report_FallsBackToTheIdNumbersDivision()
    {
        string id = SyntheticIds.CitizenId("44010319900307123");
        string content = Header + $"{id},李四,1,19900307,01,21,999999,13812345678\n";

        var (result, _) = ExtractFile.Check(content);
        using (result)
        {
            Assert.Contains(result.Report.Divisions, d => d.Code == 440103);
        }
    }
}
