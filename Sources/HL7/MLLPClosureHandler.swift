/// An `MLLPHandler` from a closure.
public struct MLLPClosureHandler: MLLPHandler {
    private let body: @Sendable (MLLPRequest) async -> [UInt8]?

    public init(_ body: @escaping @Sendable (MLLPRequest) async -> [UInt8]?) { self.body = body }

    public func handle(_ request: MLLPRequest) async -> [UInt8]? { await body(request) }
}
