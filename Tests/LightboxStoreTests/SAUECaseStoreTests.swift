import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// SAUE cases on both engines (migration M0080): the document round-trips whole, the status column follows the
/// latest review, and the queue lists by status, newest first.
@Suite("SAUE case store")
struct SAUECaseStoreTests {
    static func saueCase(reportedAt: Date, total: Double) throws -> SAUECase {
        let incident = SAUEIncident(
            kind: .unintended, patientAgeYears: 9, intendedEffectiveDoseMilliSievert: 0.2,
            totalEffectiveDoseMilliSievert: total, drlQuantity: "DAP Gy·cm²", foetalDoseMilliGray: 0.4)
        return SAUECase(
            id: UUID(), examID: UUID(), patientID: UUID(), occurredOn: try CalendarDate(year: 2026, month: 11, day: 20),
            modality: .CT, examName: "CT Head", summary: "Repeated after movement — «three» acquisitions",
            incident: incident, proposal: try SAUEClassifier(criteria: SAUECriteria()).classify(incident),
            reportedBy: "g.okafor", reportedAt: reportedAt)
    }

    @Test("Cases round-trip, follow their reviews and list by status, newest first", arguments: TestEngine.allCases)
    func roundTrip(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let start = Date(timeIntervalSince1970: 1_795_514_400)
            let older = try Self.saueCase(reportedAt: start, total: 1.5)
            let newer = try Self.saueCase(reportedAt: start + 3600, total: 0.5)
            try await store.transaction { unit async throws in
                try await unit.saueCases.insert(older)
                try await unit.saueCases.insert(newer)
            }
            let read = try await store.transaction { unit async throws in try await unit.saueCases.get(older.id) }
            #expect(read == older)
            #expect(read?.proposal.proposed == .unintendedLowIntended)
            var queue = try await store.transaction { unit async throws in
                try await unit.saueCases.list(status: .awaitingReview, limit: 10)
            }
            #expect(queue.map(\.id) == [newer.id, older.id])

            var reviewed = newer
            reviewed.reviews.append(
                SAUEReview(
                    decision: .overridden, notifiable: true, criterion: .unintendedLowIntended,
                    reason: "Scouts omitted", reviewedBy: UUID(), reviewedByName: "Priya Nair",
                    reviewedAt: start + 7200))
            let update = reviewed
            try await store.transaction { unit async throws in try await unit.saueCases.update(update) }
            queue = try await store.transaction { unit async throws in
                try await unit.saueCases.list(status: .awaitingReview, limit: 10)
            }
            #expect(queue.map(\.id) == [older.id])
            let overridden = try await store.transaction { unit async throws in
                try await unit.saueCases.list(status: .overridden, limit: 10)
            }
            #expect(overridden == [reviewed])
            let all = try await store.transaction { unit async throws in
                try await unit.saueCases.list(status: nil, limit: 1)
            }
            #expect(all.map(\.id) == [newer.id])

            await RepositoryTests.expectDomainError(.duplicate) {
                try await store.transaction { unit async throws in try await unit.saueCases.insert(older) }
            }
            await RepositoryTests.expectDomainError(.notFound) {
                try await store.transaction { unit async throws in
                    try await unit.saueCases.update(try Self.saueCase(reportedAt: start, total: 1))
                }
            }
        }
    }
}
