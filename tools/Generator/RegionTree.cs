namespace Analytics.Generator;

/// <summary>
/// All sample regions in insertion order (parents before children), with lookups the family writers need.
/// Insertion order is the output order, which keeps regions.csv stable.
/// </summary>
internal sealed class RegionTree
{
    private readonly List<Region> _all = [];
    private readonly Dictionary<string, Region> _byCode = [];
    private readonly Dictionary<string, List<Region>> _children = [];

    public IReadOnlyList<Region> All => _all;

    public Region Add(Region region)
    {
        if (!_byCode.TryAdd(region.Code, region))
        {
            throw new InvalidOperationException($"duplicate region code {region.Code} ({region.Name})");
        }
        _all.Add(region);
        if (region.ParentCode.Length > 0)
        {
            if (!_children.TryGetValue(region.ParentCode, out var list))
            {
                _children[region.ParentCode] = list = [];
            }
            list.Add(region);
        }
        return region;
    }

    public Region this[string code] => _byCode[code];

    public IReadOnlyList<Region> Children(string code) =>
        _children.TryGetValue(code, out var list) ? list : [];

    public Region ByName(string parentCode, string name) =>
        Children(parentCode).Single(r => r.Name == name);

    /// <summary>Every region below <paramref name="code"/>, depth first in insertion order.</summary>
    public IEnumerable<Region> Descendants(string code)
    {
        foreach (var child in Children(code))
        {
            yield return child;
            foreach (var grandChild in Descendants(child.Code))
            {
                yield return grandChild;
            }
        }
    }

    public IEnumerable<Region> Townships(string code) => Descendants(code).Where(r => r.IsTownship);

    public Region CountyOf(Region region)
    {
        var current = region;
        while (current.Level != Levels.County)
        {
            current = _byCode[current.ParentCode];
        }
        return current;
    }

    /// <summary>Populations and areas of higher levels are the sums of their children.</summary>
    public void RollUpSizes()
    {
        for (var i = _all.Count - 1; i >= 0; i--)
        {
            var region = _all[i];
            var children = Children(region.Code);
            if (children.Count > 0 && region.Level is not Levels.Township)
            {
                region.Population = children.Sum(c => c.Population);
                region.Area = children.Sum(c => c.Area);
            }
        }
    }
}
