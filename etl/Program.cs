using Analytics.Etl;

return Cli.Run(args);
