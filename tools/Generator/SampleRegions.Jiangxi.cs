namespace Analytics.Generator;

internal static partial class SampleRegions
{
    // 江西's 11 cities and 100 counties (real codes). Township names below them are synthetic.
    private static readonly (string Code4, string Name, (string Code6, string Name)[] Counties)[] JiangxiCities =
    [
        ("3601", "南昌市", [("360102", "东湖区"), ("360103", "西湖区"), ("360104", "青云谱区"), ("360111", "青山湖区"), ("360112", "新建区"), ("360113", "红谷滩区"), ("360121", "南昌县"), ("360123", "安义县"), ("360124", "进贤县")]),
        ("3602", "景德镇市", [("360202", "昌江区"), ("360203", "珠山区"), ("360222", "浮梁县"), ("360281", "乐平市")]),
        ("3603", "萍乡市", [("360302", "安源区"), ("360313", "湘东区"), ("360321", "莲花县"), ("360322", "上栗县"), ("360323", "芦溪县")]),
        ("3604", "九江市", [("360402", "濂溪区"), ("360403", "浔阳区"), ("360404", "柴桑区"), ("360423", "武宁县"), ("360424", "修水县"), ("360425", "永修县"), ("360426", "德安县"), ("360428", "都昌县"), ("360429", "湖口县"), ("360430", "彭泽县"), ("360481", "瑞昌市"), ("360482", "共青城市"), ("360483", "庐山市")]),
        ("3605", "新余市", [("360502", "渝水区"), ("360521", "分宜县")]),
        ("3606", "鹰潭市", [("360602", "月湖区"), ("360603", "余江区"), ("360681", "贵溪市")]),
        ("3607", "赣州市", [("360702", "章贡区"), ("360703", "南康区"), ("360704", "赣县区"), ("360722", "信丰县"), ("360723", "大余县"), ("360724", "上犹县"), ("360725", "崇义县"), ("360726", "安远县"), ("360728", "定南县"), ("360729", "全南县"), ("360730", "宁都县"), ("360731", "于都县"), ("360732", "兴国县"), ("360733", "会昌县"), ("360734", "寻乌县"), ("360735", "石城县"), ("360781", "瑞金市"), ("360783", "龙南市")]),
        ("3608", "吉安市", [("360802", "吉州区"), ("360803", "青原区"), ("360821", "吉安县"), ("360822", "吉水县"), ("360823", "峡江县"), ("360824", "新干县"), ("360825", "永丰县"), ("360826", "泰和县"), ("360827", "遂川县"), ("360828", "万安县"), ("360829", "安福县"), ("360830", "永新县"), ("360881", "井冈山市")]),
        ("3609", "宜春市", [("360902", "袁州区"), ("360921", "奉新县"), ("360922", "万载县"), ("360923", "上高县"), ("360924", "宜丰县"), ("360925", "靖安县"), ("360926", "铜鼓县"), ("360981", "丰城市"), ("360982", "樟树市"), ("360983", "高安市")]),
        ("3610", "抚州市", [("361002", "临川区"), ("361003", "东乡区"), ("361021", "南城县"), ("361022", "黎川县"), ("361023", "南丰县"), ("361024", "崇仁县"), ("361025", "乐安县"), ("361026", "宜黄县"), ("361027", "金溪县"), ("361028", "资溪县"), ("361030", "广昌县")]),
        ("3611", "上饶市", [("361102", "信州区"), ("361103", "广丰区"), ("361104", "广信区"), ("361123", "玉山县"), ("361124", "铅山县"), ("361125", "横峰县"), ("361126", "弋阳县"), ("361127", "余干县"), ("361128", "鄱阳县"), ("361129", "万年县"), ("361130", "婺源县"), ("361181", "德兴市")]),
    ];

    // Report 003: 562 乡, 171 街道, 805 镇, 30 of the towns economically developed.
    private const int JiangxiXiangs = 562;
    private const int JiangxiStreets = 171;
    private const int JiangxiTowns = 805;
    private const int JiangxiDeveloped = 30;

    private static void AddJiangxi(RegionTree tree, Random random, NameMaker names)
    {
        tree.Add(new Region(Codes.Jiangxi, "江西省", Levels.Province, "", ""));
        var counties = new List<Region>();
        foreach (var (code4, name, countyList) in JiangxiCities)
        {
            var city = tree.Add(new Region(code4 + "00000000", name, Levels.City, "", Codes.Jiangxi));
            counties.AddRange(countyList.Select(c => County(tree, city.Code, c.Code6, c.Name)));
        }

        // Districts (区) hold most streets and few 乡; county-level cities sit in between.
        double StreetWeight(Region c) => c.Name.EndsWith('区') ? 5 : c.Name.EndsWith('市') ? 2 : 0.5;
        double XiangWeight(Region c) => c.Name.EndsWith('区') ? 0.3 : 1 + random.NextDouble();
        var streets = Apportion.Split(JiangxiStreets, counties.Select(StreetWeight).ToArray());
        var towns = Apportion.Uneven(JiangxiTowns, counties.Count, random);
        var xiangs = Apportion.Split(JiangxiXiangs, counties.Select(XiangWeight).ToArray());

        // One developed town in every third county, the first 30 counties that have a town.
        var developedLeft = JiangxiDeveloped;
        for (var c = 0; c < counties.Count; c++)
        {
            var county = counties[c];
            var taken = new HashSet<string>();
            for (var i = 0; i < streets[c]; i++)
            {
                var street = Township(tree, random, county, Levels.Street, i + 1, names.Next(taken));
                Villages(tree, random, names, street, random.Next(6, 11), 0);
            }
            var developedHere = c % 3 == 0 && towns[c] > 0 && developedLeft-- > 0;
            for (var i = 0; i < towns[c]; i++)
            {
                var town = Township(tree, random, county, Levels.Town, i + 1, names.Next(taken), developed: developedHere && i == 0);
                Villages(tree, random, names, town, 2, random.Next(5, 8));
            }
            for (var i = 0; i < xiangs[c]; i++)
            {
                var xiang = Township(tree, random, county, Levels.Xiang, i + 1, names.Next(taken));
                Villages(tree, random, names, xiang, 0, random.Next(6, 10));
            }
        }
        if (developedLeft > 0)
        {
            throw new InvalidOperationException("not enough counties for the 30 developed towns");
        }
    }
}
