namespace Analytics.Generator;

/// <summary>County departments that hand items down, with item names typical of each.</summary>
internal static class Departments
{
    // Fifteen departments: 夏庄镇 received items from exactly this many (report 004).
    public static readonly (string Name, string[] Items)[] All =
    [
        ("发展和改革局", ["企业投资项目备案", "固定资产投资项目节能审查", "价格违法行为查处"]),
        ("住房和城乡建设局", ["乡村建设规划许可", "建筑工程施工许可", "违法建设查处", "房屋安全鉴定"]),
        ("自然资源局", ["农村宅基地审批", "临时用地审批", "土地违法行为查处", "地质灾害巡查"]),
        ("生态环境局", ["建设项目环境影响登记", "秸秆焚烧查处", "畜禽养殖污染查处"]),
        ("应急管理局", ["安全生产检查", "烟花爆竹零售许可", "生产安全事故调查"]),
        ("市场监督管理局", ["个体工商户登记", "食品经营许可", "小作坊登记", "无照经营查处"]),
        ("交通运输局", ["农村公路路政巡查", "超限运输查处", "道路客运站检查"]),
        ("农业农村局", ["农药经营许可", "动物防疫检查", "农机安全监理", "渔业捕捞许可"]),
        ("水利局", ["取水许可", "河道采砂查处", "水土保持方案审批"]),
        ("民政局", ["低保对象审核", "临时救助审批", "殡葬违法行为查处"]),
        ("人力资源和社会保障局", ["城乡居民养老保险登记", "就业失业登记", "劳动保障监察"]),
        ("卫生健康委员会", ["计划生育家庭奖励扶助审核", "公共场所卫生检查", "生育登记"]),
        ("文化和旅游局", ["文化市场检查", "旅游景区安全检查", "网吧违规经营查处"]),
        ("城市管理局", ["占道经营查处", "户外广告设置审批", "城市绿化损坏查处"]),
        ("林业局", ["林木采伐许可", "森林防火巡查", "野生动物保护检查"]),
    ];

    public static string ItemName(int department, int index)
    {
        var items = All[department].Items;
        var round = index / items.Length;
        return round == 0 ? items[index % items.Length] : $"{items[index % items.Length]}({round + 1})";
    }
}
