using Analytics.Generator;

return GenerateCommand.Run(args);
