namespace Jinbao.Quality.Samples;

/// <summary>
/// Name tables and builders for synthetic persons and employers. Every name is assembled at random from
/// common parts and taken from no real record, though it may coincide with a real person's name.
/// </summary>
internal static class SampleNames
{
    /// <summary>The middle dot U+00B7 that separates the parts of a transliterated name.</summary>
    public const char MiddleDot = '\u00B7';

    // Common surnames, roughly most frequent first.
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
        "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
        "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔",
        "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦",
        "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
        "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤",
    ];

    private static readonly string[] CompoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "司徒", "尉迟"];

    private const string MaleGivenCharacters =
        "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国文志海东峰振成兵亮新彬晨博瑞子轩睿天一泽宏德永春金荣庆祥福良忠民生星";

    private const string FemaleGivenCharacters =
        "芳娜敏静丽艳娟霞秀英玲桂兰燕萍红梅琳雪婷倩颖慧莉洁佳欣怡悦晶璐萌琪雨涵诗梦思月琴云凤丹艺彤薇蕾琼珍巧";

    private const string NeutralGivenCharacters = "文明晓子嘉安宁清雨一心如若可诚佳";

    // CJK Extension B, C and E characters (plane 2), as rare names use. Each is a surrogate pair in UTF-16.
    private static readonly string[] SupplementaryCharacters = ["\U00020BB7", "\U0002B5AF", "\U0002C029"];

    private static readonly string[] UyghurMaleNames = ["艾力", "买买提", "吐尔逊", "阿不都", "热合曼", "艾合买提", "库尔班", "伊力哈木", "麦麦提", "阿力木", "努尔", "玉素甫"];

    private static readonly string[] UyghurFemaleNames = ["阿依古丽", "古丽娜尔", "热依拉", "帕提古丽", "迪丽娜尔", "米日古丽", "阿依努尔", "再努尔", "古再丽努尔", "布阿依夏木"];

    private static readonly string[] UyghurFatherNames = ["买买提", "吐尔逊", "艾力", "阿不都拉", "热合曼", "艾山", "司马义", "依明", "托合提", "玉素甫", "阿布来提", "吾斯曼"];

    private static readonly string[] TibetanFirstNames = ["扎西", "次仁", "格桑", "尼玛", "达瓦", "白玛", "索朗", "丹增"];

    private static readonly string[] TibetanMaleNames = ["多吉", "平措", "顿珠", "罗布", "旺堆"];

    private static readonly string[] TibetanFemaleNames = ["卓玛", "央金", "拉姆", "德吉", "曲珍"];

    // GB/T 3304 codes of peoples whose members mostly carry names of the Han pattern.
    private static readonly string[] HanPatternMinorities = ["03", "08", "11", "06", "15", "07", "02", "09", "12", "13", "14", "10", "19", "16"];

    private const string TradeNameCharacters = "华信达创盛恒通宏远鑫泰博安联科源兴隆昌祥瑞丰锦汇智诚德佳新力天海龙凯";

    private static readonly string[] Industries =
    [
        "科技", "贸易", "建筑工程", "物流", "餐饮管理", "医药", "电子", "机械制造", "信息技术", "商贸", "劳务派遣",
        "物业管理", "教育咨询", "食品", "环保科技", "新能源", "网络科技", "文化传媒", "建材", "汽车销售",
    ];

    private static readonly string[] CompanyForms = ["有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司"];

    private static readonly string[] Shops = ["便利店", "小吃店", "五金店", "理发店", "服装店", "水果店", "超市", "汽车修理部", "餐馆"];

    private static readonly string[] Cooperatives = ["种植专业合作社", "养殖专业合作社", "农机专业合作社", "果蔬专业合作社"];

    private static readonly string[] GovernmentOrgans = ["人力资源和社会保障局", "医疗保障局", "教育局", "财政局", "市场监督管理局", "民政局", "交通运输局"];

    private static readonly string[] PublicInstitutions = ["第一人民医院", "中医院", "实验中学", "第二中学", "职业技术学院", "疾病预防控制中心", "社会保险事业管理中心", "图书馆"];

    private static readonly string[] SocialOrganizations = ["软件行业协会", "餐饮行业协会", "书法家协会", "老年体育协会", "建筑业协会"];

    private static readonly string[] PrivateNonEnterprises = ["养老服务中心", "职业技能培训学校", "社会工作服务中心", "幼儿园", "康复中心"];

    private static readonly string[] Foundations = ["慈善基金会", "教育基金会", "助学基金会"];

    /// <summary>
    /// Appends a person's name and returns the GB/T 3304 ethnicity code that fits it. Most names follow
    /// the Han pattern (汉族 and peoples with Han-pattern names). Some are Uyghur names with the middle
    /// dot or Tibetan names, and a few contain a character outside the BMP. <paramref name="sex"/> is
    /// the GB/T 2261.1 code: 1 male, 2 female.
    /// </summary>
    public static string AppendPersonName(SampleField field, SampleRandom random, int sex)
    {
        double pattern = random.NextDouble();
        if (pattern < 0.02)
        {
            AppendUyghurName(field, random, sex, MiddleDot);
            return "05";
        }

        if (pattern < 0.03)
        {
            AppendTibetanName(field, random, sex);
            return "04";
        }

        if (pattern < 0.031)
        {
            AppendSurname(field, random);
            field.Append(random.Pick(SupplementaryCharacters));
            if (random.Chance(0.5))
            {
                field.Append(random.Pick(sex == 1 ? MaleGivenCharacters : FemaleGivenCharacters));
            }

            return "01";
        }

        AppendHanName(field, random, sex);
        return random.Chance(0.91) ? "01" : random.Pick(HanPatternMinorities);
    }

    /// <summary>Appends a surname and a given name of one or two characters.</summary>
    public static void AppendHanName(SampleField field, SampleRandom random, int sex)
    {
        AppendSurname(field, random);
        string given = sex == 1 ? MaleGivenCharacters : FemaleGivenCharacters;
        if (random.Chance(0.7))
        {
            field.Append(random.Chance(0.2) ? random.Pick(NeutralGivenCharacters) : random.Pick(given));
        }

        field.Append(random.Pick(given));
    }

    /// <summary>
    /// Appends a transliterated Uyghur name: the person's name, <paramref name="dot"/> and the father's
    /// name. The dot is the middle dot, or a look-alike for a planted fault.
    /// </summary>
    public static void AppendUyghurName(SampleField field, SampleRandom random, int sex, char dot)
    {
        field.Append(random.Pick(sex == 1 ? UyghurMaleNames : UyghurFemaleNames));
        field.Append(dot);
        field.Append(random.Pick(UyghurFatherNames));
    }

    /// <summary>Appends a run of transliterated name parts, joined by middle dots, until it is longer than <paramref name="minimumLength"/> characters.</summary>
    public static void AppendOverlongName(SampleField field, SampleRandom random, int minimumLength)
    {
        int start = field.Length;
        while (field.Length - start <= minimumLength)
        {
            if (field.Length > start)
            {
                field.Append(MiddleDot);
            }

            field.Append(random.Pick(random.Chance(0.5) ? UyghurFemaleNames : UyghurFatherNames));
        }
    }

    /// <summary>
    /// Appends the name of an employer that fits its registration authority and entity type.
    /// <paramref name="place"/> is the short name of its city or province, such as 杭州, and
    /// <paramref name="county"/> the name of its county, such as 西湖区.
    /// </summary>
    public static void AppendEmployerName(SampleField field, SampleRandom random, char authority, char entityType, string place, string county)
    {
        switch (authority, entityType)
        {
            case ('1', '1'):
                if (random.Chance(0.5))
                {
                    field.Append(place);
                    field.Append('市');
                }
                else
                {
                    field.Append(county);
                }

                field.Append(random.Pick(GovernmentOrgans));
                break;
            case ('1', _):
                field.Append(place);
                field.Append(random.Pick(PublicInstitutions));
                break;
            case ('5', '1'):
                field.Append(place);
                field.Append(random.Pick(SocialOrganizations));
                break;
            case ('5', '2'):
                field.Append(place);
                AppendTradeName(field, random);
                field.Append(random.Pick(PrivateNonEnterprises));
                break;
            case ('5', _):
                field.Append(place);
                AppendTradeName(field, random);
                field.Append(random.Pick(Foundations));
                break;
            case ('9', '2'):
                field.Append(county);
                AppendTradeName(field, random);
                field.Append(random.Pick(Shops));
                break;
            case ('9', '3'):
                field.Append(county);
                AppendTradeName(field, random);
                field.Append(random.Pick(Cooperatives));
                break;
            case ('Y', _):
                field.Append(county);
                AppendTradeName(field, random);
                field.Append("村股份经济合作社");
                break;
            default:
                field.Append(place);
                AppendTradeName(field, random);
                field.Append(random.Pick(Industries));
                field.Append(random.Pick(CompanyForms));
                break;
        }
    }

    /// <summary>
    /// Appends branch names to an employer name until it is longer than <paramref name="minimumLength"/>
    /// characters, as when a clerk pastes a list of branches into the name field.
    /// </summary>
    public static void AppendBranchList(SampleField field, SampleRandom random, string county, int minimumLength)
    {
        field.Append('（');
        while (field.Length <= minimumLength)
        {
            field.Append(county);
            AppendTradeName(field, random);
            field.Append(random.Pick(Industries));
            field.Append("分公司");
        }

        field.Append('）');
    }

    private static void AppendSurname(SampleField field, SampleRandom random) =>
        field.Append(random.Chance(0.003) ? random.Pick(CompoundSurnames) : random.PickFrontWeighted(Surnames));

    private static void AppendTibetanName(SampleField field, SampleRandom random, int sex)
    {
        field.Append(random.Pick(TibetanFirstNames));
        field.Append(random.Pick(sex == 1 ? TibetanMaleNames : TibetanFemaleNames));
    }

    private static void AppendTradeName(SampleField field, SampleRandom random)
    {
        field.Append(random.Pick(TradeNameCharacters));
        field.Append(random.Pick(TradeNameCharacters));
    }
}
