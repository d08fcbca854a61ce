using Analytics.Etl;

return await Cli.RunAsync(args);
