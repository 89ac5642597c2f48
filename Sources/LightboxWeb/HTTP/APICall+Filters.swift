import Foundation
import LightboxDomain

/// The list filters several routes share (exams, worklist). Each adds a wrong value to `errors`,
/// so a route can name every wrong filter at once, and returns nil for it.
extension APICall {
    /// A UUID query parameter.
    func queryUUID(_ name: String, errors: inout [Problem.FieldError]) -> UUID? {
        guard let raw = query(name) else { return nil }
        guard let id = UUID(uuidString: raw) else {
            errors.append(.init(field: name, problem: "must be a UUID"))
            return nil
        }
        return id
    }

    /// A modality query parameter (CR, DX, CT …, any case).
    func queryModality(_ name: String = "modality", errors: inout [Problem.FieldError]) -> Modality? {
        guard let raw = query(name) else { return nil }
        guard let modality = Modality(rawValue: raw.uppercased()) else {
            errors.append(
                .init(
                    field: name,
                    problem: "'\(raw)' is not one of \(Modality.allCases.map(\.rawValue).joined(separator: ", "))"))
            return nil
        }
        return modality
    }

    /// The day a date parameter (YYYY-MM-DD) names, from its first moment to the next day's, in the
    /// department's time zone.
    func queryDay(_ name: String = "date", errors: inout [Problem.FieldError]) -> Range<Date>? {
        let day: CalendarDate?
        do {
            day = try queryDate(name)
        } catch let problem as Problem {
            errors += problem.errors
            return nil
        } catch {
            errors.append(.init(field: name, problem: "must be a date as YYYY-MM-DD"))
            return nil
        }
        guard let day else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = department.environment.configuration.timeZone
        guard let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)),
            let end = calendar.date(byAdding: .day, value: 1, to: start)
        else { return nil }
        return start..<end
    }
}
