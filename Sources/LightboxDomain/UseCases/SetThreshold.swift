import Foundation

/// Changes one threshold of DOMAIN.md from a date, signed off by the department's medical physics expert
/// (IR(ME)R 2017 reg. 14(2): an MPE is involved in dose-related matters): physicists and managers, audited
/// (`threshold.changed`). The effective date may be now or later, never earlier: rules already applied under
/// the old value stay explained by the history. Nothing is stored when anything is wrong.
public struct SetThreshold: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var name: String
        public var value: ThresholdValue
        public var effectiveFrom: Date
        /// The staff member (a clinical scientist) who signed the change off.
        public var signedOffBy: UUID
        public var reason: String

        public init(name: String, value: ThresholdValue, effectiveFrom: Date, signedOffBy: UUID, reason: String) {
            self.name = name
            self.value = value
            self.effectiveFrom = effectiveFrom
            self.signedOffBy = signedOffBy
            self.reason = reason
        }
    }

    /// A threshold's history is bounded: at most this many changes are kept in all.
    public static let maximumChanges = 2_000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> ThresholdChange {
        try environment.policy.require(actor, .manageThresholds)
        let now = environment.clock.now()
        var problems: [FieldProblem] = []
        if let threshold = Threshold.named(command.name) {
            problems += threshold.problems(with: command.value)
        } else {
            problems.append(FieldProblem("name", "\(command.name) is not a threshold"))
        }
        if command.effectiveFrom < now {
            problems.append(FieldProblem("effectiveFrom", "must not be in the past"))
        }
        let reason = command.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty {
            problems.append(FieldProblem("reason", "say why the threshold changes"))
        } else if reason.count > 1_000 {
            problems.append(FieldProblem("reason", "must be at most 1000 characters"))
        }
        let id = environment.ids.next()
        let found = problems
        return try await environment.store.transaction { unit in
            var problems = found
            let signer = try await unit.staff.get(command.signedOffBy)
            if let signer {
                if signer.profession != .clinicalScientist {
                    problems.append(
                        FieldProblem(
                            "signedOffBy",
                            "\(signer.displayName) is a \(signer.profession.rawValue), not a clinical scientist "
                                + "(medical physics expert)"))
                } else if !signer.active {
                    problems.append(FieldProblem("signedOffBy", "\(signer.displayName) is no longer active"))
                }
            } else {
                problems.append(FieldProblem("signedOffBy", "no member of staff with id \(command.signedOffBy)"))
            }
            guard problems.isEmpty, let signer else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The threshold change is not valid.")
            }
            let history = try await unit.thresholds.list()
            guard history.count < Self.maximumChanges else {
                throw DomainError(
                    .validationFailed, "The threshold history is full (\(Self.maximumChanges) changes).")
            }
            let change = ThresholdChange(
                id: id, name: command.name, value: command.value, effectiveFrom: command.effectiveFrom,
                signedOffBy: signer.id, signedOffByName: signer.displayName, changedBy: actor.username,
                reason: reason, recordedAt: now)
            try await unit.thresholds.insert(change)
            try await unit.record(
                actor, "threshold.changed", patientID: nil, examID: nil, at: now,
                "\(change.name) = \(change.value.text) from \(change.effectiveFrom.ISO8601Format()), signed off by "
                    + "\(signer.displayName) (\(signer.id)): \(reason)")
            return change
        }
    }
}
