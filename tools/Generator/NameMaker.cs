namespace Analytics.Generator;

/// <summary>
/// Makes plausible two-character place names where the sample needs more units than we have real names for
/// (Jiangxi's 1,538 townships, villages). Names only need to be unique under their parent, not real.
/// </summary>
internal sealed class NameMaker
{
    private const string First = "东西南北上下前后大小新老金银石山水河溪湖桥田坪岭塘坑源洲口江龙凤马牛杨柳松竹梅桃李枫樟茶沙泉黄白青红安平和兴福寿长永太宝富丰盛昌隆";
    private const string Second = "村庄店集铺营寨坝岗坡湾冲洞园林峰港圩畈埠陂头里门口墩桥家岭坪溪山源洲田塘";

    private readonly Random _random;

    public NameMaker(Random random) => _random = random;

    /// <summary>A name not yet in <paramref name="taken"/>; adds it there.</summary>
    public string Next(HashSet<string> taken)
    {
        while (true)
        {
            var name = string.Concat(First[_random.Next(First.Length)], Second[_random.Next(Second.Length)]);
            if (taken.Add(name))
            {
                return name;
            }
        }
    }
}
