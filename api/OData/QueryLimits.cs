using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace Analytics.Api.OData;

/// <summary>Limits on OData queries (section "OData" of the configuration).</summary>
public sealed class QueryLimits
{
    /// <summary>Rows per page; a longer result ends with @odata.nextLink.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Largest $top accepted.</summary>
    public int MaxTop { get; set; } = 10000;

    /// <summary>Nodes in $filter, $orderby and the whole of $apply (each counted separately).</summary>
    public int MaxNodeCount { get; set; } = 100;

    /// <summary>Nesting depth of any expression, in $filter or $apply.</summary>
    public int MaxDepth { get; set; } = 20;

    /// <summary>Transformations in $apply (groupby, aggregate, filter, compute...).</summary>
    public int MaxTransformations { get; set; } = 8;

    /// <summary>
    /// Longest request line (method, URL, version) the server reads. Kestrel's 8 KB answered an empty 414 to a
    /// $filter that names 1,500 townships (about 25 KB); the node and depth limits above bound the work instead.
    /// </summary>
    public int MaxRequestLineBytes { get; set; } = 64 * 1024;

    /// <summary>Rows of answers kept per generation (<see cref="FeedAnswers"/>), all questions together.</summary>
    public long AnswerCacheRows { get; set; } = 500_000;

    /// <summary>Largest $apply answer computed whole and paged from memory; a larger one is queried page by page.</summary>
    public int ApplyAnswerRows { get; set; } = 100_000;

    /// <summary>How long a client may reuse an answer without asking again (Cache-Control max-age); loads are rarer.</summary>
    public TimeSpan AnswerMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    public ODataValidationSettings ValidationSettings() => new()
    {
        MaxTop = MaxTop,
        MaxNodeCount = MaxNodeCount,
        MaxOrderByNodeCount = 10,
        MaxExpansionDepth = 1,
        MaxAnyAllExpressionDepth = 2,
        AllowedQueryOptions = AllowedQueryOptions.Filter | AllowedQueryOptions.Select | AllowedQueryOptions.OrderBy
            | AllowedQueryOptions.Top | AllowedQueryOptions.Skip | AllowedQueryOptions.Count | AllowedQueryOptions.Apply
            | AllowedQueryOptions.Compute | AllowedQueryOptions.Format | AllowedQueryOptions.SkipToken,
    };

    /// <summary>The library's validation with these settings, then <see cref="ValidateTrees"/>.</summary>
    public void Validate(ODataQueryOptions options)
    {
        options.Validate(ValidationSettings());
        ValidateTrees(options);
    }

    /// <summary>
    /// Validates what <see cref="ODataQueryOptions.Validate"/> leaves out: Microsoft.AspNetCore.OData 9.5 does not
    /// apply MaxNodeCount to $apply, and no depth limit exists at all.
    /// </summary>
    private void ValidateTrees(ODataQueryOptions options)
    {
        if (options.Filter?.FilterClause is { } filter)
            Check("$filter", Measure(filter.Expression, 1));
        // The next page's $skiptoken is computed in memory from the last row's $orderby values, after the answer has
        // started: a division there cannot fail cleanly. Computed first, it is a column like any other.
        for (var order = options.OrderBy?.OrderByClause; order is not null; order = order.ThenBy)
        {
            if (Divides(order.Expression))
                throw new ODataException("$orderby 不能直接包含 div 或 mod：请先用 $compute=... as R 计算，再 $orderby=R。");
        }
        foreach (var item in options.Compute?.ComputeClause.ComputedItems ?? [])
            Check("$compute", Measure(item.Expression, 1));
        CheckAliases(options);
        if (options.Apply?.ApplyClause is { } apply)
        {
            var transformations = apply.Transformations.ToList();
            var count = 0;
            var depth = 0;
            var steps = 0;
            foreach (var t in transformations)
                Add(t, ref count, ref depth, ref steps, 1);
            if (steps > MaxTransformations)
                throw new ODataException($"$apply has {steps} transformations; at most {MaxTransformations} are allowed.");
            Check("$apply", (count, depth));
        }
    }

    /// <summary>
    /// An alias named like a declared property is answered as that property: a computed value was silently replaced
    /// by the stored one, and an aggregate of another type (a count named like a date) broke the answer halfway
    /// through writing it. Both are refused before any work; an aggregate of the property's own type
    /// (<c>aggregate(Value with sum as Value)</c>) is answered correctly and stays allowed.
    /// </summary>
    private static void CheckAliases(ODataQueryOptions options)
    {
        if (options.Context.ElementType is not IEdmStructuredType type)
            return;
        var computed = (options.Compute?.ComputeClause.ComputedItems ?? []).Select(c => (c.Alias, Type: (IEdmTypeReference?)null))
            .Concat(Aliases(options.Apply?.ApplyClause.Transformations ?? []));
        foreach (var (alias, result) in computed)
        {
            if (type.FindProperty(alias) is not { } declared)
                continue;
            if (result is null)
                throw new ODataException($"计算结果的别名 {alias} 与已有字段同名，结果会被该字段的原值取代：请换一个别名（例如 {alias}_1）。");
            if (result.Definition.FullTypeName() != declared.Type.Definition.FullTypeName())
                throw new ODataException($"聚合结果的别名 {alias} 与已有字段同名，但类型不同（{result.Definition.FullTypeName()}，字段为 " +
                    $"{declared.Type.Definition.FullTypeName()}）：请换一个别名（例如 {alias}_1）。");
        }
    }

    /// <summary>Every alias $apply introduces: computed ones (type null: any collision is refused) and aggregates.</summary>
    private static IEnumerable<(string Alias, IEdmTypeReference? Type)> Aliases(IEnumerable<TransformationNode> transformations)
    {
        foreach (var t in transformations)
        {
            switch (t)
            {
                case ComputeTransformationNode compute:
                    foreach (var e in compute.Expressions)
                        yield return (e.Alias, null);
                    break;
                case AggregateTransformationNode aggregate:
                    foreach (var e in aggregate.AggregateExpressions.OfType<AggregateExpression>())
                        yield return (e.Alias, e.TypeReference);
                    break;
                case GroupByTransformationNode { ChildTransformations: { } child }:
                    foreach (var a in Aliases([child]))
                        yield return a;
                    break;
            }
        }
    }

    private static bool Divides(QueryNode? node) => node switch
    {
        BinaryOperatorNode b => b.OperatorKind is BinaryOperatorKind.Divide or BinaryOperatorKind.Modulo || Divides(b.Left) || Divides(b.Right),
        UnaryOperatorNode u => Divides(u.Operand),
        ConvertNode c => Divides(c.Source),
        SingleValueFunctionCallNode f => f.Parameters.Any(Divides),
        _ => false,
    };

    private void Check(string option, (int Count, int Depth) tree)
    {
        if (tree.Count > MaxNodeCount)
            throw new ODataException($"{option} has {tree.Count} nodes; at most {MaxNodeCount} are allowed.");
        if (tree.Depth > MaxDepth)
            throw new ODataException($"{option} is nested {tree.Depth} deep; at most {MaxDepth} levels are allowed.");
    }

    private static void Add(TransformationNode node, ref int count, ref int depth, ref int steps, int level)
    {
        steps++;
        count++;
        depth = Math.Max(depth, level);
        switch (node)
        {
            case GroupByTransformationNode groupBy:
                foreach (var p in groupBy.GroupingProperties)
                    AddGrouping(p, ref count, ref depth, level + 1);
                if (groupBy.ChildTransformations is { } child)
                    Add(child, ref count, ref depth, ref steps, level + 1);
                break;
            case AggregateTransformationNode aggregate:
                foreach (var e in aggregate.AggregateExpressions)
                    AddAggregate(e, ref count, ref depth, level + 1);
                break;
            case FilterTransformationNode filter:
                Merge(Measure(filter.FilterClause.Expression, level + 1), ref count, ref depth);
                break;
            case ComputeTransformationNode compute:
                foreach (var e in compute.Expressions)
                    Merge(Measure(e.Expression, level + 1), ref count, ref depth);
                break;
        }
    }

    private static void AddGrouping(GroupByPropertyNode node, ref int count, ref int depth, int level)
    {
        count++;
        depth = Math.Max(depth, level);
        if (node.Expression is { } e)
            Merge(Measure(e, level + 1), ref count, ref depth);
        foreach (var child in node.ChildTransformations)
            AddGrouping(child, ref count, ref depth, level + 1);
    }

    private static void AddAggregate(AggregateExpressionBase node, ref int count, ref int depth, int level)
    {
        count++;
        depth = Math.Max(depth, level);
        switch (node)
        {
            case AggregateExpression { Expression: { } e }:
                Merge(Measure(e, level + 1), ref count, ref depth);
                break;
            case EntitySetAggregateExpression set:
                foreach (var child in set.Children)
                    AddAggregate(child, ref count, ref depth, level + 1);
                break;
        }
    }

    private static void Merge((int Count, int Depth) tree, ref int count, ref int depth)
    {
        count += tree.Count;
        depth = Math.Max(depth, tree.Depth);
    }

    /// <summary>Counts the nodes of an expression tree and its depth below <paramref name="level"/>.</summary>
    private static (int Count, int Depth) Measure(QueryNode? node, int level)
    {
        if (node is null)
            return (0, level - 1);
        // linq2db cannot translate a whole row compared with a list ($it in (null)) and failed with a null reference.
        if (node is InNode { Left: SingleResourceNode })
            throw new ODataException("in 的左边须是一个字段（例如 Code in ('610303000000')），不能是整行 $it。");
        IEnumerable<QueryNode?> children = node switch
        {
            BinaryOperatorNode b => [b.Left, b.Right],
            UnaryOperatorNode u => [u.Operand],
            ConvertNode c => [c.Source],
            SingleValueFunctionCallNode f => f.Parameters,
            SingleResourceFunctionCallNode f => f.Parameters,
            CollectionFunctionCallNode f => f.Parameters,
            SingleValuePropertyAccessNode p => [p.Source],
            SingleValueOpenPropertyAccessNode p => [p.Source],
            CollectionPropertyAccessNode p => [p.Source],
            AnyNode a => [a.Source, a.Body],
            AllNode a => [a.Source, a.Body],
            InNode i => [i.Left, i.Right],
            _ => [],
        };
        var count = 1;
        var depth = level;
        foreach (var child in children)
        {
            var (c, d) = Measure(child, level + 1);
            count += c;
            depth = Math.Max(depth, d);
        }
        return (count, depth);
    }
}
