import FluentKit
import Foundation

/// A `JobRun` row, one per job and period.
final class JobRunModel: Model, @unchecked Sendable {
    static let schema = "job_runs"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "job") var job: String
    @Field(key: "period") var period: String
    @Field(key: "node") var node: String
    @Field(key: "token") var token: UUID
    @Field(key: "attempt") var attempt: Int
    @Field(key: "status") var status: String
    @Field(key: "claimed_at") var claimedAt: Date
    @Field(key: "lease_until") var leaseUntil: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @OptionalField(key: "summary") var summary: String?

    init() {}
}
