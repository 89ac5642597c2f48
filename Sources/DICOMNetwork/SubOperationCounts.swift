/// Number of remaining/completed/failed/warning sub-operations of C-MOVE and C-GET,
/// (0000,1020)-(0000,1023), PS3.7 §9.1.3/§9.1.4.
public struct SubOperationCounts: Sendable, Equatable {
    public var remaining: UInt16
    public var completed: UInt16
    public var failed: UInt16
    public var warning: UInt16

    public init(remaining: UInt16 = 0, completed: UInt16 = 0, failed: UInt16 = 0, warning: UInt16 = 0) {
        self.remaining = remaining
        self.completed = completed
        self.failed = failed
        self.warning = warning
    }
}
