import LightboxStore
import LightboxWeb
import ServiceLifecycle

/// Feeds the pages' live lists from the other nodes (PostgreSQL LISTEN/NOTIFY; nothing to do on SQLite) and,
/// at graceful shutdown, ends every open event stream so the HTTP server has no endless response to wait for.
/// Listed after the HTTP server, so it is shut down before it.
struct LiveEventsService: Service {
    let live: LiveUpdates
    let database: LightboxDatabase

    func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await database.relayEvents(to: live) }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        live.close()
    }
}
