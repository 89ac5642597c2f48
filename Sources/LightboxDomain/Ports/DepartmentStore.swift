import Foundation

/// The persistence port. Everything done inside one `transaction` commits or rolls back together,
/// so an audit entry is never written without the change it describes (and vice versa).
public protocol DepartmentStore: Sendable {
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any UnitOfWork) async throws -> T) async throws -> T
}
