using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Analytics.Forecasting;

/// <summary>
/// An autoregression with trend and month-of-year terms, trained by ML.NET's SDCA regression trainer (a ridge-like
/// linear model; Microsoft.ML.TimeSeries is not available here, and the OLS trainer needs MKL, which is not either).
/// Features: the last two months, the same month a year earlier, time, and two Fourier pairs of the month of year.
/// Forecasts are recursive: each predicted month becomes a lag of the next. The features are standardised here and
/// the linear coefficients read back from the model, so forecasting needs no prediction engine per step.
/// </summary>
internal sealed class RegressionMethod() : Method("sdca_autoregression", true)
{
    private const int FeatureCount = 8;

    /// <summary>Training costs milliseconds (the cheap methods microseconds), so backtests refit once a year of origins.</summary>
    public override int RefitEvery => 12;

    /// <summary>Built once: inferring it by reflection on every fit cost a third of the fit.</summary>
    private static readonly SchemaDefinition Schema = SchemaDefinition.Create(typeof(Row));

    private sealed class Row
    {
        public float Label { get; set; }

        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    public override Func<double[], int, double[]> Fit(double[] history, int firstMonth)
    {
        var rows = new List<double[]>();
        var labels = new List<double>();
        for (var t = 12; t < history.Length; t++)
        {
            rows.Add(Features(history, t, firstMonth));
            labels.Add(history[t]);
        }
        var mean = new double[FeatureCount];
        var scale = new double[FeatureCount];
        for (var j = 0; j < FeatureCount; j++)
        {
            mean[j] = rows.Average(r => r[j]);
            var sd = Math.Sqrt(rows.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
            scale[j] = sd > 1e-9 ? sd : 1;
        }
        var labelMean = labels.Average();
        var context = new MLContext(seed: 1);
        var data = context.Data.LoadFromEnumerable(rows.Select((r, i) => new Row
        {
            Label = (float)(labels[i] - labelMean),
            Features = r.Select((v, j) => (float)((v - mean[j]) / scale[j])).ToArray(),
        }), Schema);
        var trainer = context.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            L2Regularization = 0.1f,
            MaximumNumberOfIterations = 20,
            NumberOfThreads = 1,
            Shuffle = false,
        });
        var parameters = trainer.Fit(data).Model;
        var weights = parameters.Weights.ToArray();
        var bias = parameters.Bias;

        return (y, h) =>
        {
            var extended = new List<double>(y);
            for (var k = 0; k < h; k++)
            {
                var x = Features(extended, extended.Count, firstMonth);
                var value = labelMean + bias;
                for (var j = 0; j < FeatureCount; j++)
                    value += weights[j] * (x[j] - mean[j]) / scale[j];
                extended.Add(value);
            }
            return extended.Skip(y.Length).ToArray();
        };
    }

    /// <summary>Features to predict position <paramref name="t"/> from the values before it.</summary>
    private static double[] Features(IReadOnlyList<double> y, int t, int firstMonth)
    {
        var angle = 2 * Math.PI * ((firstMonth + t) % 12) / 12;
        return [y[t - 1], y[t - 2], y[t - 12], t, Math.Sin(angle), Math.Cos(angle), Math.Sin(2 * angle), Math.Cos(2 * angle)];
    }
}
