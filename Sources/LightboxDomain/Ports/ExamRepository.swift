import Foundation

/// Exams: the request and its whole journey (`Exam` is one nested value; a store may keep it as a
/// document plus indexed columns for the fields of `ExamQuery`).
public protocol ExamRepository: Sendable {
    func get(_ id: UUID) async throws -> Exam?
    func find(accessionNumber: String) async throws -> Exam?
    /// The exam whose study this is (assigned at booking).
    func find(studyInstanceUID: String) async throws -> Exam?
    /// The exam a modality performed procedure step (MPPS SOP Instance UID) belongs to.
    func find(modalityStepUID: String) async throws -> Exam?
    /// Exams matching every filter set in the query (see `ExamQuery.matches`), in its order (`ExamOrder`; by
    /// request time when it names none), after its offset, at most its limit.
    func list(_ query: ExamQuery) async throws -> [Exam]
    func insert(_ exam: Exam) async throws
    func update(_ exam: Exam) async throws
    /// How many exams match every filter set in the query, whatever its limit and offset, counted without
    /// reading them.
    func count(_ query: ExamQuery) async throws -> Int
}
