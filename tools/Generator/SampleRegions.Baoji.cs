namespace Analytics.Generator;

internal static partial class SampleRegions
{
    // 宝鸡's twelve counties and districts with township names (report 000: 99 towns, 17 streets).
    private static readonly (string Code6, string Name, string[] Streets, string[] Towns)[] BaojiCounties =
    [
        ("610302", "渭滨区", ["经二路", "清姜", "姜谭路", "桥南", "金陵"], ["马营", "石鼓", "神农", "高家", "八鱼"]),
        ("610303", "金台区", ["中山东路", "西关", "中山西路", "群众路", "东风路", "十里铺"], ["陈仓", "蟠龙", "金河", "硖石"]),
        ("610304", "陈仓区", ["虢镇", "千渭", "东关"],
            ["阳平", "周原", "贾村", "县功", "新街", "坪头", "香泉", "赤沙", "拓石", "凤阁岭", "磻溪", "天王", "慕仪", "桥镇", "钓渭", "晁峪"]),
        ("610305", "凤翔区", ["城关"], ["柳林", "虢王", "彪角", "横水", "田家庄", "糜杆桥", "南指挥", "陈村", "长青", "范家寨", "姚家沟"]),
        ("610323", "岐山县", [], ["凤鸣", "蔡家坡", "益店", "蒲村", "青化", "枣林", "雍川", "故郡", "京当"]),
        ("610324", "扶风县", ["城关"], ["天度", "午井", "绛帐", "段家", "杏林", "召公", "法门"]),
        ("610326", "眉县", ["首善"], ["横渠", "槐芽", "汤峪", "常兴", "金渠", "营头", "齐镇"]),
        ("610327", "陇县", [], ["东风", "八渡", "温水", "天成", "曹家湾", "固关", "东南", "河北", "神泉", "城关"]),
        ("610328", "千阳县", [], ["城关", "崔家头", "南寨", "张家塬", "水沟", "草碧", "高崖"]),
        ("610329", "麟游县", [], ["九成宫", "崔木", "招贤", "两亭", "常丰", "丈八", "酒房"]),
        ("610330", "凤县", [], ["双石铺", "凤州", "黄牛铺", "红花铺", "河口", "唐藏", "平木", "坪坎", "留凤关"]),
        ("610331", "太白县", [], ["咀头", "桃川", "鹦鸽", "靖口", "太白河", "黄柏塬", "王家堎"]),
    ];

    private static void AddBaoji(RegionTree tree, Random random, NameMaker names)
    {
        tree.Add(new Region(Codes.Shaanxi, "陕西省", Levels.Province, "", ""));
        tree.Add(new Region(Codes.Baoji, "宝鸡市", Levels.City, "", Codes.Shaanxi));
        var townsWithTwoCommunities = 4; // 17 streets x 5 + 99 towns x 1 + 4 = 188 communities (report 000)
        foreach (var (code6, name, streets, towns) in BaojiCounties)
        {
            var county = County(tree, Codes.Baoji, code6, name);
            for (var i = 0; i < streets.Length; i++)
            {
                var street = Township(tree, random, county, Levels.Street, i + 1, streets[i]);
                Villages(tree, random, names, street, 5, 0);
            }
            for (var i = 0; i < towns.Length; i++)
            {
                // 汤峪镇 is the economically developed town of report 000.
                var town = Township(tree, random, county, Levels.Town, i + 1, towns[i], developed: towns[i] == "汤峪");
                // 宝鸡 gets communities only: the report's coverage figure is over its 188 communities.
                Villages(tree, random, names, town, townsWithTwoCommunities-- > 0 ? 2 : 1, 0);
            }
        }
    }
}
