import Foundation
import LightboxDomain

/// The statistics port in memory: the same definitions as the SQL, over every exam's `ExamFacts`.
struct InMemoryStatistics: StatisticsRepository {
    let store: InMemoryDepartmentStore

    private func facts() async -> [(exam: Exam, facts: ExamFacts)] {
        await store.read { state in state.exams.values.map { ($0, ExamFacts($0)) } }
    }

    func waiting(at census: Date, requestedBefore boundaries: [Date]) async throws -> [WaitingTally] {
        let waiting = await facts().filter { item in
            item.exam.requestedAt <= census && (item.facts.waitingEndedAt.map { $0 > census } ?? true)
        }
        return Dictionary(grouping: waiting, by: \.exam.modality).map { modality, items in
            WaitingTally(
                modality: modality, waiting: items.count,
                requestedBefore: boundaries.map { boundary in items.filter { $0.exam.requestedAt < boundary }.count })
        }
    }

    private func performedIn(_ period: StatisticsPeriod) async -> [(exam: Exam, facts: ExamFacts)] {
        await facts().filter { item in
            guard let at = item.facts.performedAt else { return false }
            return at >= period.from && at < period.before
        }
    }

    func performed(in period: StatisticsPeriod) async throws -> [PerformedTally] {
        struct Key: Hashable {
            var room: UUID?
            var staff: UUID?
            var modality: Modality
        }
        let items = await performedIn(period)
        return Dictionary(grouping: items) {
            Key(room: $0.facts.performedRoomID, staff: $0.facts.operatorStaffID, modality: $0.exam.modality)
        }.map { key, items in
            PerformedTally(
                roomID: key.room, operatorStaffID: key.staff, modality: key.modality, exams: items.count,
                imagesAcquired: items.reduce(0) { $0 + $1.facts.imagesAcquired },
                imagesRejected: items.reduce(0) { $0 + $1.facts.imagesRejected })
        }
    }

    func turnaround(in period: StatisticsPeriod, limit: Int) async throws -> [TurnaroundRow] {
        await performedIn(period).filter { $0.exam.state != .discontinued }.prefix(limit).map { item in
            TurnaroundRow(
                modality: item.exam.modality, priority: item.facts.priority, patientSource: item.facts.patientSource,
                performedAt: item.facts.performedAt ?? item.exam.requestedAt, reportIssuedAt: item.facts.reportIssuedAt)
        }
    }

    func unreported(performedBefore: Date, at census: Date) async throws -> [Modality: Int] {
        var counts: [Modality: Int] = [:]
        for item in await facts() {
            guard let at = item.facts.performedAt, at < performedBefore,
                ![.discontinued, .cancelled].contains(item.exam.state),
                item.facts.reportIssuedAt.map({ $0 > census }) ?? true
            else { continue }
            counts[item.exam.modality, default: 0] += 1
        }
        return counts
    }

    func pregnancy(in period: StatisticsPeriod, examCodes: [String], limit: Int) async throws -> [PregnancyRow] {
        let items = await performedIn(period).filter { examCodes.contains($0.exam.examCode) }.prefix(limit)
        var rows: [PregnancyRow] = []
        for item in items {
            guard let patient = await store.read({ $0.patients[item.exam.patientID] }) else { continue }
            rows.append(
                PregnancyRow(
                    examCode: item.exam.examCode, performedAt: item.facts.performedAt ?? item.exam.requestedAt,
                    recorded: item.facts.pregnancyStatusRecorded, patient: patient))
        }
        return rows
    }

    func performedExams(in period: StatisticsPeriod, limit: Int) async throws -> [Exam] {
        await performedIn(period).filter { $0.exam.state != .discontinued }
            .sorted { ($0.facts.performedAt ?? .distantPast) < ($1.facts.performedAt ?? .distantPast) }
            .prefix(limit).map(\.exam)
    }
}
