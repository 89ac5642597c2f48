import Foundation
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxWeb

/// Runs a test against the Lightbox web application over a seeded department on one engine,
/// through HTTP (HummingbirdTesting's router framework), and removes the database afterwards.
public enum TestApp {
    public static func run<T: Sendable>(
        _ engine: TestEngine, limits: WebLimits = WebLimits(maxBodyBytes: 64 * 1024, maxCSVRows: 1000),
        _ body: @escaping @Sendable (SeededDepartment, any TestClientProtocol, TestDatabase) async throws -> T
    ) async throws -> T {
        try await TestDatabase.with(engine) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let web = WebApplication(environment: seeded.environment(limits: limits))
            let app = Application(router: web.buildRouter().router)
            return try await app.test(.router) { client in
                try await body(seeded, client, database)
            }
        }
    }
}
