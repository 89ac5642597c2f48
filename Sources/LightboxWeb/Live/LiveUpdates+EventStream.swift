import Foundation
import LightboxDomain

/// The `text/event-stream` form of the messages (HTML Living Standard §9.2.6 "Interpreting an event
/// stream"). An event carries only its name, the exam and its new state: no patient data goes down the
/// stream; the page fetches what it shows through the audited pages.
extension LiveUpdates.Message {
    /// The bytes of this message in the stream.
    var eventStream: String {
        switch self {
        case .event(let id, let event):
            var data: [String: String] = ["name": event.name]
            if let exam = event.examID { data["exam"] = exam.uuidString }
            if let state = event.toState { data["state"] = state.rawValue }
            let json =
                (try? JSONSerialization.data(withJSONObject: data, options: [.sortedKeys]))
                .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return "id: \(id)\nevent: exam\ndata: \(json)\n\n"
        case .reset:
            return "event: reset\ndata: {}\n\n"
        case .heartbeat:
            return ": heartbeat\n\n"
        }
    }
}
