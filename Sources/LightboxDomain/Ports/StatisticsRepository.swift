import Foundation

/// The aggregations the department's statistics need, over every exam (`ExamFacts` say what each exam counts
/// as; a store keeps them indexed beside the exam so that these stay fast on hundreds of thousands of exams).
public protocol StatisticsRepository: Sendable {
    /// Exams on the waiting list at `census` (requested by then, and not performed or closed by then), per
    /// modality, each with how many were requested before each of `boundaries`.
    func waiting(at census: Date, requestedBefore boundaries: [Date]) async throws -> [WaitingTally]

    /// Exams performed in `period`, per room, operator and modality.
    func performed(in period: StatisticsPeriod) async throws -> [PerformedTally]

    /// Exams performed in `period` (not discontinued), at most `limit`.
    func turnaround(in period: StatisticsPeriod, limit: Int) async throws -> [TurnaroundRow]

    /// Exams performed before `performedBefore` (not discontinued or cancelled) whose report had not been issued
    /// by `census`, per modality.
    func unreported(performedBefore: Date, at census: Date) async throws -> [Modality: Int]

    /// Exams of `examCodes` performed in `period`, with their patients, at most `limit`.
    func pregnancy(in period: StatisticsPeriod, examCodes: [String], limit: Int) async throws -> [PregnancyRow]

    /// Exams performed in `period`, oldest first, at most `limit` (the monthly dataset).
    func performedExams(in period: StatisticsPeriod, limit: Int) async throws -> [Exam]
}
