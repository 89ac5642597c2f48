import Foundation

/// Records a QA test's measured value on a room's equipment (DOMAIN.md "Equipment QA"), graded against the
/// catalogue's remedial and suspension levels. A result at suspension level suspends the room: it takes no bookings
/// and its worklist is withdrawn (`Room.hasWorklist`), and a manager cannot put it back in use; a pass of the same
/// test lifts the hold, and the last one puts the room back in use when QA had suspended it. Audited
/// ("qa.result-recorded", and "room.status-changed" when the room's status changes).
public struct RecordQAResult: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var roomID: UUID
        public var equipmentID: UUID?
        public var testCode: String
        public var value: Double
        /// When the measurement was made; nil for now. Never in the future.
        public var performedAt: Date?
        public var notes: String?

        public init(
            roomID: UUID, equipmentID: UUID? = nil, testCode: String, value: Double, performedAt: Date? = nil,
            notes: String? = nil
        ) {
            self.roomID = roomID
            self.equipmentID = equipmentID
            self.testCode = testCode
            self.value = value
            self.performedAt = performedAt
            self.notes = notes
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<QAResult> {
        try environment.policy.require(actor, .recordQA)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            var room = try await unit.room(command.roomID)
            let catalogue = try await environment.configuration(at: now, in: unit).qaTests
            var problems: [FieldProblem] = []
            let test = catalogue.first { $0.code == command.testCode.trimmed }
            if let test, !test.applies(to: room.modality) {
                problems.append(
                    FieldProblem(
                        "testCode",
                        "\(test.name) is a \(test.modality.rawValue) test; \(room.name) is "
                            + "\(room.modality.rawValue)"))
            } else if test == nil {
                problems.append(FieldProblem("testCode", "\(command.testCode) is not in the QA catalogue"))
            }
            if !command.value.isFinite { problems.append(FieldProblem("value", "must be a number")) }
            let performedAt = command.performedAt ?? now
            if performedAt > now {
                problems.append(FieldProblem("performedAt", "\(performedAt.formatted(.iso8601)) is in the future"))
            }
            if let equipmentID = command.equipmentID {
                let item = try await unit.equipment.get(equipmentID)
                if item == nil {
                    problems.append(FieldProblem("equipmentID", "no such item in the equipment register"))
                } else if item?.roomID != room.id {
                    problems.append(FieldProblem("equipmentID", "the item is not in \(room.name)"))
                }
            }
            guard problems.isEmpty, let test else {
                throw DomainError(.validationFailed, "The QA result cannot be recorded.", fields: problems)
            }
            let grade = test.grade(command.value)
            var result = QAResult(
                id: id, roomID: room.id, equipmentID: command.equipmentID, testCode: test.code, testName: test.name,
                value: command.value, unit: test.unit, grade: grade, remedial: test.remedial,
                suspension: test.suspension, performedAt: performedAt, performedBy: actor.username,
                performedByStaffID: actor.staffID, notes: command.notes?.trimmed.nilIfEmpty, recordedAt: now)
            let before = room.status
            var statusDetail: String?
            switch grade {
            case .suspension:
                var hold =
                    room.qaSuspension ?? QASuspension(testCodes: [], suspendedRoom: before != .suspended, since: now)
                if !hold.testCodes.contains(test.code) { hold.testCodes.append(test.code) }
                room.qaSuspension = hold
                if before != .suspended {
                    room.status = .suspended
                    room.restrictedTo = []
                    room.statusReason =
                        "QA: \(test.name) \(command.value.clean) \(test.unit) is beyond the suspension level "
                        + "(\(test.suspension.description))"
                    result.changedRoomStatus = true
                    let withdrawn = try await unit.exams.list(
                        ExamQuery(
                            states: [.booked, .arrived, .checked], roomID: room.id, limit: ListExams.maximumLimit))
                    statusDetail =
                        "\(room.name): \(before.rawValue) → suspended (\(room.statusReason ?? "")); "
                        + "\(withdrawn.count) booked exams withdrawn from the worklist, to re-book"
                }
            case .pass:
                if var hold = room.qaSuspension, hold.testCodes.contains(test.code) {
                    hold.testCodes.removeAll { $0 == test.code }
                    if hold.testCodes.isEmpty {
                        room.qaSuspension = nil
                        if hold.suspendedRoom && room.status == .suspended {
                            room.status = .inUse
                            room.statusReason = nil
                            result.changedRoomStatus = true
                            statusDetail = "\(room.name): suspended → inUse (QA: \(test.name) passed)"
                        }
                    } else {
                        room.qaSuspension = hold
                    }
                }
            case .remedial:
                break
            }
            try await unit.qaResults.insert(result)
            if room != (try await unit.room(command.roomID)) { try await unit.rooms.update(room) }
            try await unit.record(
                actor, "qa.result-recorded", patientID: nil, examID: nil, at: now,
                "\(room.name): \(test.name) \(command.value.clean) \(test.unit): \(grade.label)")
            var events = [DomainEvent(name: "qa.result-recorded", subjectID: id.uuidString, at: now)]
            if let statusDetail {
                try await unit.record(actor, "room.status-changed", patientID: nil, examID: nil, at: now, statusDetail)
                events.append(DomainEvent(name: "room.status-changed", subjectID: room.id.uuidString, at: now))
            }
            return Outcome(result, events: events)
        }
    }
}
