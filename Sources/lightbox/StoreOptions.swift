import ArgumentParser
import LightboxServer

/// Options shared by every command that opens the database.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Data folder (SQLite file, images). Env: LIGHTBOX_DATA. Default: ./lightbox-data")
    var data: String?

    @Option(
        name: .long,
        help:
            "Database URL: postgres://user:pass@host:port/db (default: SQLite in the data folder). Env: LIGHTBOX_DATABASE"
    )
    var database: String?

    @Option(
        name: .long, help: "JSON configuration file. Env: LIGHTBOX_CONFIG. Default: <data>/lightbox.json if present")
    var config: String?

    @Option(
        name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical. Env: LIGHTBOX_LOG_LEVEL")
    var logLevel: String?

    var flags: ConfigurationLoader.Flags {
        ConfigurationLoader.Flags(configFile: config, dataDirectory: data, databaseURL: database, logLevel: logLevel)
    }
}
