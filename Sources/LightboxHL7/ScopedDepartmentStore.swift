import LightboxDomain

/// A `DepartmentStore` whose transactions all join one transaction already open, so that the use cases one
/// HL7 message runs and the record of the message itself commit or roll back together.
struct ScopedDepartmentStore: DepartmentStore {
    let unit: any UnitOfWork

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any UnitOfWork) async throws -> T) async throws -> T {
        try await body(unit)
    }
}
