import Foundation
import Logging
import NIOCore
import Testing

@testable import DICOMNetwork

/// Runs a DICOMServer with a full configuration (TLS, DIMSE timeout…) for the duration of `body`
/// (bounded); the configuration's port is replaced by a free one.
func withConfiguredServer<T: Sendable>(
    _ configuration: DICOMServerConfiguration, handlers: ServiceHandlers, policy: (any AssociationPolicy)? = nil,
    timeout: Double = 120, _ body: @escaping @Sendable (Int, DICOMServer) async throws -> T
) async throws -> T {
    var configuration = configuration
    configuration.host = "127.0.0.1"
    configuration.port = 0
    let server = DICOMServer(
        configuration: configuration, handlers: handlers, policy: policy,
        logger: {
            var logger = Logger(label: "test.server") { StreamLogHandler.standardError(label: $0) }
            logger.logLevel = ProcessInfo.processInfo.environment["NET_TRACE"] != nil ? .debug : .error
            return logger
        }())
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let task = Task { try await server.run { continuation.yield($0) } }
    defer { task.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw TestFailure("server did not start") }
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body(port, server) }
        group.addTask {
            try await Task.sleep(for: .seconds(timeout))
            throw TestFailure("test body exceeded \(timeout) s")
        }
        defer { group.cancelAll() }
        guard let result = try await group.next(), let value = result else { throw TestFailure("no result") }
        return value
    }
}
