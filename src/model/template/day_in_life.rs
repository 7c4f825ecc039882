//! Day in the life: a community nurse's shift, stage by stage through the
//! hours of the day.

use super::{feel, kpis, list, metric, text, tp, Draft};
use crate::model::{Channel::*, JourneyMap, LaneKind};

pub fn day_in_life(id: &str) -> JourneyMap {
    Draft::new(
        id,
        "Day in the life: community nurse",
        "One weekday of a district nurse who visits patients at home: where the time goes, \
         which tools help and which get in the way.",
    )
    .persona(
        "Aisha, nurse",
        "Band 6 district nurse, 9 visits a day, rural patch of 40 km",
        &[
            "Give each patient unhurried time",
            "Finish notes before going home",
        ],
        &[
            "Half an hour a day lost to re-keying notes",
            "No signal in a third of the homes she visits",
        ],
    )
    .profile(
        &[
            "41 years old",
            "North Yorkshire, UK",
            "12 years in community nursing",
        ],
        &[Phone, MobileApp],
        "The visit is the job. The typing is what keeps me late.",
    )
    .lane(LaneKind::Text, "Doing")
    .lane(LaneKind::Touchpoints, "Tools and contacts")
    .lane(LaneKind::Text, "Thinking")
    .feeling("Feeling", 0)
    .lane(LaneKind::PainPoints, "Pain points")
    .lane(LaneKind::Opportunities, "Opportunities")
    .lane(LaneKind::Metrics, "Measures")
    .lane(LaneKind::Quotes, "In her words")
    .lane(LaneKind::Owners, "Who can change it")
    .stage("Early morning · 7:00–8:30")
    .step(
        "Plans the day",
        vec![
            text("Opens the scheduling app over breakfast: 9 visits, 2 added overnight"),
            tp(&[
                (MobileApp, "Rostering app"),
                (Email, "Overnight handover email"),
            ]),
            text("Two new wound dressings — that's the afternoon gone."),
            feel(0.0),
            list(&[
                "Visits added without travel time",
                "Handover arrives as a PDF attachment",
            ]),
            list(&["Route-aware scheduling that adds travel time"]),
            metric("Visits scheduled", 9.0, 8.0, ""),
            text(
                "\"I plan my day before I've had my coffee, because the app won't do it for me.\"",
            ),
            list(&["Rostering lead"]),
        ],
    )
    .step(
        "Team huddle",
        vec![
            text("Ten-minute huddle: shares out urgent visits, picks up dressings stock"),
            tp(&[
                (Other, "Whiteboard at the clinic base"),
                (Phone, "GP surgery call"),
            ]),
            text("Good to see the team — the only time we all talk."),
            feel(1.0),
            list(&["Stock cupboard out of silver dressings again"]),
            list(&["Stock levels visible in the app before leaving home"]),
            metric("Huddle length", 14.0, 10.0, " min"),
            text("\"The huddle is the best ten minutes of the day. Nobody's on their own.\""),
            list(&["Team leader", "Supplies"]),
        ],
    )
    .stage("Morning rounds · 8:30–12:30")
    .step(
        "Drives 18 km",
        vec![
            text("Drives 18 km on country roads; calls ahead to say she's on the way"),
            tp(&[(Phone, "Call to the patient"), (MobileApp, "Sat-nav")]),
            text("Hope Mr Jones remembered to unlock the key safe."),
            feel(0.0),
            list(&["Key-safe codes kept on paper", "No parking near the flats"]),
            list(&["Key-safe codes stored securely on the visit record"]),
            metric("Driving time per day", 2.3, 1.8, " h"),
            text("\"I spend more time with my steering wheel than with some patients.\""),
            list(&["Rostering lead"]),
        ],
    )
    .step(
        "Dresses an ulcer",
        vec![
            text("Cleans and dresses the wound, photographs it, checks his medication"),
            tp(&[(Other, "Patient's home"), (MobileApp, "Wound-photo app")]),
            text("It's healing. He'll be pleased."),
            feel(2.0),
            list(&["Photo app doesn't attach to the patient record"]),
            list(&["Photos filed to the record automatically"]),
            metric("Wound healing on plan", 72.0, 80.0, "%"),
            text("\"Seeing it close up after six weeks — that's why I do this job.\""),
            list(&["Tissue viability team"]),
        ],
    )
    .step(
        "Spots sepsis",
        vec![
            text("Spots signs of sepsis in a diabetic patient; calls the GP and an ambulance"),
            tp(&[(Phone, "GP on-call line"), (Phone, "999 call")]),
            text("Stay calm. The rest of my list will have to wait."),
            feel(-2.0),
            list(&[
                "On hold to the GP line for 22 minutes",
                "No one to reassign her next visits to",
            ]),
            list(&[
                "Direct line for community nurses to the duty GP",
                "One-tap 'running late' to the team",
            ]),
            metric("Time to reach a GP", 22.0, 5.0, " min"),
            text("\"I was on hold while he was getting worse in front of me.\""),
            list(&["GP practice manager", "Team leader"]),
        ],
    )
    .stage("Midday · 12:30–13:30")
    .step(
        "Notes in the car",
        vec![
            text("Types up four visits on the laptop in a lay-by, tethered to her phone"),
            tp(&[
                (Web, "Electronic patient record"),
                (MobileApp, "Phone hotspot"),
            ]),
            text("If the signal drops I lose the lot."),
            feel(-1.0),
            list(&["Record times out after 10 minutes", "No offline mode"]),
            list(&[
                "Offline notes that sync when back in signal",
                "Voice notes transcribed into the record",
            ]),
            metric("Documentation time per visit", 14.0, 8.0, " min"),
            text("\"Lunch is a cereal bar and a spinning wheel on the laptop.\""),
            list(&["Digital health team"]),
        ],
    )
    .step(
        "Returns calls",
        vec![
            text("Returns three voicemails from families while eating in the car"),
            tp(&[
                (Phone, "Voicemails from families"),
                (MobileApp, "Team messaging"),
            ]),
            text("Mrs Patel's son sounds worried. I'll add her to tomorrow."),
            feel(1.0),
            list(&[
                "Families only have her mobile number",
                "Calls come in while she's driving",
            ]),
            list(&["Single team number with call-back slots"]),
            metric("Calls returned same day", 85.0, 95.0, "%"),
            text("\"Families trust you, so they ring you, not the office.\""),
            list(&["Team leader"]),
        ],
    )
    .stage("Afternoon · 13:30–17:00")
    .step(
        "Palliative visit",
        vec![
            text("Meets the family, sets up a care plan and anticipatory medication"),
            tp(&[(Other, "Patient's home"), (Phone, "Hospice advice line")]),
            text("They need time. I have 40 minutes."),
            feel(1.0),
            list(&["Care plan form duplicates the hospital discharge letter"]),
            list(&["Discharge letter pre-fills the care plan"]),
            metric("First visit within 24 h of referral", 88.0, 95.0, "%"),
            text("\"The daughter hugged me at the door. I nearly cried in the car.\""),
            list(&["Palliative care lead"]),
        ],
    )
    .step(
        "Chases medication",
        vec![
            text("Calls the pharmacy and the surgery twice about a missing prescription"),
            tp(&[
                (Phone, "Pharmacy"),
                (Phone, "GP reception"),
                (Email, "Request to the prescriber"),
            ]),
            text("Why is this my job?"),
            feel(-2.0),
            list(&[
                "Three calls for one prescription",
                "Nobody owns the request",
            ]),
            list(&["Shared task list with the surgery and pharmacy"]),
            metric("Calls per prescription query", 3.0, 1.0, ""),
            text("\"I'm a nurse, not a switchboard.\""),
            list(&["Primary care network", "Community pharmacy"]),
        ],
    )
    .stage("Evening · 17:00–19:00")
    .step(
        "Hands over",
        vec![
            text("Records handover for the twilight service and flags the septic patient"),
            tp(&[(MobileApp, "Team messaging"), (Web, "Patient record flags")]),
            text("Did I tell them everything about the family?"),
            feel(0.0),
            list(&["Handover split across messaging and the record"]),
            list(&["Structured handover inside the patient record"]),
            metric("Handovers with missing details", 12.0, 5.0, "%"),
            text("\"The handover lives in WhatsApp, which I know isn't right.\""),
            list(&["Clinical governance"]),
        ],
    )
    .step(
        "Finishes at home",
        vec![
            text("Completes the last two notes at the kitchen table; logs 1 h unpaid overtime"),
            tp(&[
                (Web, "Patient record from home"),
                (MobileApp, "Timesheet app"),
            ]),
            text("Another evening of notes. How long can I keep this up?"),
            feel(-1.0),
            list(&[
                "Unpaid overtime is normal",
                "Notes backlog follows her home",
            ]),
            list(&[
                "Protected admin time in the roster",
                "Count overtime in the team's dashboard",
            ]),
            kpis(&[
                ("Unpaid overtime per week", 5.0, 0.0, " h"),
                ("Staff turnover", 18.0, 10.0, "%"),
            ]),
            text("\"I love the patients. It's the paperwork that will make me leave.\""),
            list(&["Service manager", "HR"]),
        ],
    )
    .done()
}
