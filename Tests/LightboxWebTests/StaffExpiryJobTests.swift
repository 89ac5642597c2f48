import Foundation
import LightboxDomain
import LightboxServer
import LightboxStore
import LightboxTestSupport
import Testing

/// Issue 17: the staff expiry job of the server, started on two nodes of one database, applies a lapse once.
@Suite("Staff expiry job")
struct StaffExpiryJobTests {
    @Test(
        "The staff-expiries job on two nodes removes a lapsed training's entitlements once",
        arguments: TestEngine.allCases)
    func runsOnceAcrossNodes(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let radiographer = try #require(seeded.staff["radiographer"])
            let manager = Actor(staffID: nil, username: "test-manager", role: .manager, door: .system)
            let now = seeded.clock.now()
            _ = try await seeded.department.recordTraining(
                .init(
                    staffID: radiographer.id, course: .irmer, completedOn: now - 300 * 86_400, expires: now + 60,
                    evidence: "IR(ME)R certificate"),
                by: manager)
            seeded.clock.advance(by: 15 * 60)
            try await JobRunnerTests.withSecondNode(database) { other in
                let job = LightboxServer.staffExpiries(department: seeded.department, logger: JobRunnerTests.logger)
                let nodeA = JobRunner(
                    jobs: [job], runs: FluentJobRunRepository(database: database.database), clock: seeded.clock,
                    node: "node-a", logger: JobRunnerTests.logger)
                let nodeB = JobRunner(
                    jobs: [job], runs: FluentJobRunRepository(database: other), clock: seeded.clock, node: "node-b",
                    logger: JobRunnerTests.logger)
                async let fromA = nodeA.runDue()
                async let fromB = nodeB.runDue()
                let outcomes = await fromA + fromB
                let period = job.periodKey(containing: seeded.clock.now())
                #expect(
                    outcomes.filter { if case .ran = $0 { true } else { false } } == [
                        .ran(
                            job: "staff-expiries", period: period,
                            summary: "1 lapse(s) applied, 5 entitlement(s) removed")
                    ], "\(outcomes)")
            }
            let entitlements = try await seeded.store.transaction { unit in
                try await unit.entitlements.list(staffID: radiographer.id)
            }
            #expect(entitlements.allSatisfy { $0.revokedBy == "lightbox-staff-expiries" }, "\(entitlements)")
            let revocations = try AuditRows.query(
                database, "SELECT action FROM audit_entries WHERE action = 'entitlement.revoked'")
            #expect(revocations.count == 5)
        }
    }
}
