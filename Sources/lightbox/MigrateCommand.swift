import ArgumentParser
import LightboxServer

/// `lightbox migrate`: brings the database schema up to date.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or update the database schema (safe to run repeatedly).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let configuration = try ConfigurationLoader().load(store.flags)
        let admin = try await LightboxAdministration.open(
            configuration, logger: LightboxServer.makeLogger(level: configuration.logLevel))
        do {
            let applied = try await admin.appliedMigrations()
            print("Database is up to date (\(applied.count) migrations applied).")
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
    }
}
