import LightboxStore
import ServiceLifecycle

/// Keeps the database open while the server runs and closes it (checkpointing SQLite's WAL) on
/// graceful shutdown, after the HTTP server has stopped taking requests.
struct DatabaseService: Service {
    let database: LightboxDatabase

    func run() async throws {
        try? await gracefulShutdown()
        await database.shutdown()
    }
}
