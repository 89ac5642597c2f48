import Foundation

/// Out-of-range observations and the NEWS2 score (Royal College of Physicians, NEWS2, 2017,
/// chart 1 with SpO₂ scale 1). The normal ranges are configuration; the scoring bands are NEWS2's.
struct VitalSignRules {
    let configuration: DepartmentConfiguration

    /// Each observation outside its configured normal range, in words.
    func outOfRange(_ signs: VitalSigns) -> [String] {
        let ranges = configuration.vitalSignRanges
        var findings: [String] = []
        if let value = signs.respiratoryRate, !ranges.respiratoryRate.contains(value) {
            findings.append("respiratory rate \(value)/min (normal \(Self.text(ranges.respiratoryRate)))")
        }
        if let value = signs.oxygenSaturation, value < ranges.oxygenSaturationAtLeast {
            findings.append("SpO₂ \(value)% (normal \(ranges.oxygenSaturationAtLeast)% or more)")
        }
        if let value = signs.systolicPressure, !ranges.systolicPressure.contains(value) {
            findings.append("systolic blood pressure \(value) mmHg (normal \(Self.text(ranges.systolicPressure)))")
        }
        if let value = signs.pulse, !ranges.pulse.contains(value) {
            findings.append("pulse \(value)/min (normal \(Self.text(ranges.pulse)))")
        }
        if let value = signs.temperature, !ranges.temperature.contains(value) {
            findings.append(
                "temperature \(value.clean) °C (normal \(ranges.temperature.lowerBound.clean)-"
                    + "\(ranges.temperature.upperBound.clean))")
        }
        if signs.alert == false { findings.append("not alert (new confusion, voice, pain or unresponsive)") }
        return findings
    }

    /// NEWS2 score of each observation given.
    func scores(_ signs: VitalSigns) -> [Int] {
        var scores: [Int] = []
        if let rate = signs.respiratoryRate {
            let score: Int =
                switch rate {
                case ...8: 3
                case 9...11: 1
                case 12...20: 0
                case 21...24: 2
                default: 3
                }
            scores.append(score)
        }
        if let saturation = signs.oxygenSaturation {
            let score: Int =
                switch saturation {
                case ...91: 3
                case 92...93: 2
                case 94...95: 1
                default: 0
                }
            scores.append(score)
        }
        if signs.onSupplementalOxygen == true { scores.append(2) }
        if let systolic = signs.systolicPressure {
            let score: Int =
                switch systolic {
                case ...90: 3
                case 91...100: 2
                case 101...110: 1
                case 111...219: 0
                default: 3
                }
            scores.append(score)
        }
        if let pulse = signs.pulse {
            let score: Int =
                switch pulse {
                case ...40: 3
                case 41...50: 1
                case 51...90: 0
                case 91...110: 1
                case 111...130: 2
                default: 3
                }
            scores.append(score)
        }
        if let alert = signs.alert { scores.append(alert ? 0 : 3) }
        if let temperature = signs.temperature {
            let score: Int =
                switch temperature {
                case ..<35.05: 3
                case ..<36.05: 1
                case ..<38.05: 0
                case ..<39.05: 1
                default: 2
                }
            scores.append(score)
        }
        return scores
    }

    /// The alert for these observations, or nil when all are within range.
    func alert(for signs: VitalSigns, id: UUID, addressedTo: UUID?, at moment: Date) -> VitalSignsAlert? {
        let findings = outOfRange(signs)
        guard !findings.isEmpty else { return nil }
        let scores = scores(signs)
        let total = scores.reduce(0, +)
        let urgent =
            total >= configuration.news2UrgentTotal
            || scores.contains { $0 >= configuration.news2UrgentSingleParameter }
        return VitalSignsAlert(
            id: id, findings: findings, news2Score: total, urgent: urgent, addressedTo: addressedTo, raisedAt: moment)
    }

    /// Values no living patient has: refused as typing errors.
    func implausible(_ signs: VitalSigns) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func check<T: Comparable>(_ value: T?, _ field: String, _ range: ClosedRange<T>) {
            if let value, !range.contains(value) {
                problems.append(FieldProblem("vitalSigns.\(field)", "is not a plausible value"))
            }
        }
        check(signs.respiratoryRate, "respiratoryRate", 0...80)
        check(signs.oxygenSaturation, "oxygenSaturation", 0...100)
        check(signs.systolicPressure, "systolicPressure", 0...300)
        check(signs.diastolicPressure, "diastolicPressure", 0...250)
        check(signs.pulse, "pulse", 0...300)
        check(signs.temperature, "temperature", 25.0...45.0)
        if signs.isEmpty { problems.append(FieldProblem("vitalSigns", "record at least one observation")) }
        return problems
    }

    static func text(_ range: ClosedRange<Int>) -> String {
        "\(range.lowerBound)-\(range.upperBound)"
    }
}
