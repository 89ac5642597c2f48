import Foundation

extension UnitOfWork {
    /// The worklist item of each exam, reading each patient, referrer, procedure and performer once.
    /// An exam whose records are missing is left out (it cannot be scheduled without them).
    func worklistItems(_ exams: [Exam], rooms: [UUID: Room]) async throws -> [WorklistItem] {
        // The patients in one read: a room's day is hundreds of exams.
        let patients = try await self.patients.get(ids: Set(exams.map(\.patientID)))
        var referrers: [UUID: Referrer] = [:]
        var procedures: [String: CatalogueEntry] = [:]
        var staffByID: [UUID: StaffMember] = [:]
        var items: [WorklistItem] = []
        for exam in exams {
            guard let roomID = exam.booking?.roomID, let room = rooms[roomID] else { continue }
            if referrers[exam.referrerID] == nil {
                referrers[exam.referrerID] = try await self.referrers.get(exam.referrerID)
            }
            if procedures[exam.examCode] == nil {
                procedures[exam.examCode] = try await catalogue.get(code: exam.examCode)
            }
            var performer: StaffMember?
            if let staffID = exam.booking?.performingStaffID {
                if staffByID[staffID] == nil { staffByID[staffID] = try await staff.get(staffID) }
                performer = staffByID[staffID]
            }
            guard let patient = patients[exam.patientID], let referrer = referrers[exam.referrerID],
                let procedure = procedures[exam.examCode]
            else { continue }
            items.append(
                WorklistItem(
                    exam: exam, patient: patient, referrer: referrer, room: room, procedure: procedure,
                    performingStaff: performer))
        }
        return items
    }
}
