namespace Analytics.Generator;

internal static partial class SampleRegions
{
    // 临沂: 12 counties and districts plus the high-tech zone (report 001: 13 counties and districts, 22 streets).
    // Only a couple of towns per county: the report is about streets.
    private static readonly (string Code6, string Name, string[] Streets, string[] Towns)[] LinyiCounties =
    [
        ("371302", "兰山区", ["兰山", "银雀山", "金雀山", "柳青", "南坊", "北城"], ["义堂", "枣园"]),
        ("371311", "罗庄区", ["罗庄", "傅庄", "盛庄", "册山", "高都"], ["褚墩", "黄山"]),
        ("371312", "河东区", ["九曲", "芝麻墩", "凤凰岭", "梅家埠"], ["汤头", "郑旺"]),
        ("371321", "沂南县", ["界湖"], ["岸堤", "孙祖"]),
        ("371322", "郯城县", ["郯城"], ["马头", "重坊"]),
        ("371323", "沂水县", ["沂城"], ["许家湖", "高桥"]),
        ("371324", "兰陵县", ["卞庄"], ["向城", "长城"]),
        ("371325", "费县", ["费城"], ["上冶", "探沂"]),
        ("371326", "平邑县", [], ["仲村", "地方"]),
        ("371327", "莒南县", [], ["大店", "板泉"]),
        ("371328", "蒙阴县", [], ["岱崮", "野店"]),
        ("371329", "临沭县", [], ["青云", "蛟龙"]),
        ("371371", "临沂高新技术产业开发区", ["罗西", "马厂湖"], []),
    ];

    private static void AddShandong(RegionTree tree, Random random, NameMaker names)
    {
        tree.Add(new Region(Codes.Shandong, "山东省", Levels.Province, "", ""));
        tree.Add(new Region(Codes.Linyi, "临沂市", Levels.City, "", Codes.Shandong));
        foreach (var (code6, name, streets, towns) in LinyiCounties)
        {
            var county = County(tree, Codes.Linyi, code6, name);
            for (var i = 0; i < streets.Length; i++)
            {
                Township(tree, random, county, Levels.Street, i + 1, streets[i]);
            }
            for (var i = 0; i < towns.Length; i++)
            {
                Township(tree, random, county, Levels.Town, i + 1, towns[i]);
            }
        }

        // 日照市莒县夏庄镇 (report 004): 10 communities, 66 villages, 69,000 people, 114.8 km2.
        tree.Add(new Region(Codes.Rizhao, "日照市", Levels.City, "", Codes.Shandong));
        var ju = County(tree, Codes.Rizhao, "371122", "莒县");
        var xiazhuang = Township(tree, random, ju, Levels.Town, 8, "夏庄", developed: true, pilot: true);
        Villages(tree, random, names, xiazhuang, 10, 66);
        xiazhuang.Population = 69_000;
        xiazhuang.Area = 114.8m;
    }
}
