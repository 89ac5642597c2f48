import Foundation
import LightboxDomain

extension ErrorSummary {
    /// The summary of a page's forms: `fields`' errors, `general` problems, and those of `problems` that no shown
    /// field takes (`shown` holds the use case's field names the forms place beside a control), each named by
    /// `named`.
    init?(
        fields: [FormField], general: [String], problems: [FieldProblem], shown: Set<String>,
        named: (FieldProblem) -> String = { "\($0.field) \($0.problem)" }
    ) {
        self.init(fields: fields, general: general + problems.filter { !shown.contains($0.field) }.map(named))
    }
}
