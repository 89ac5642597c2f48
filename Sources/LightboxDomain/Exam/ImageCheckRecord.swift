import Foundation

/// One image check: who evaluated the images, whether they are diagnostic, rejects and repeats.
public struct ImageCheckRecord: Sendable, Codable, Equatable {
    public var checkedBy: UUID
    public var diagnostic: Bool
    public var rejects: [ImageReject]
    public var note: String?
    public var at: Date

    public init(checkedBy: UUID, diagnostic: Bool, rejects: [ImageReject], note: String?, at: Date) {
        self.checkedBy = checkedBy
        self.diagnostic = diagnostic
        self.rejects = rejects
        self.note = note
        self.at = at
    }
}
