//! Support and complaint resolution: a broadband outage, from the first
//! dropped call to a customer who stays — the service-recovery curve.

use super::{feel, kpis, list, metric, text, tp, Draft};
use crate::model::{Channel::*, JourneyMap, LaneKind};

pub fn support(id: &str) -> JourneyMap {
    Draft::new(
        id,
        "Support and complaint resolution",
        "A home-worker's broadband fails for four days: contact, diagnosis, a complaint, \
         the fix and the follow-up that decides whether she stays.",
    )
    .persona(
        "Maria, customer",
        "Accountant working from home, with the provider for 6 years",
        &[
            "Get back online before month-end close",
            "Talk to someone who can fix it",
        ],
        &[
            "Repeating her story to every agent",
            "Being told to restart the router again",
        ],
    )
    .profile(
        &[
            "47 years old",
            "Valencia, Spain",
            "Works from home four days a week",
        ],
        &[Phone, Chat, Email],
        "I don't need an apology. I need it working by Friday.",
    )
    .lane(LaneKind::Text, "Doing")
    .lane(LaneKind::Touchpoints, "Touchpoints")
    .lane(LaneKind::Text, "Thinking")
    .feeling("Feeling", 0)
    .lane(LaneKind::PainPoints, "Pain points")
    .lane(LaneKind::Opportunities, "Opportunities")
    .lane(LaneKind::Metrics, "KPIs")
    .lane(LaneKind::Quotes, "Quotes")
    .lane(LaneKind::Owners, "Owner")
    .stage("Problem occurs")
    .step(
        "Connection drops",
        vec![
            text("Video calls freeze every 10 minutes; the router light blinks orange"),
            tp(&[(Other, "Router"), (Web, "Provider's status page")]),
            text("Not today — I have a client call at 2."),
            feel(-1.0),
            list(&["Status page says 'no known issues'"]),
            list(&["Detect line faults from the network and warn customers first"]),
            metric("Faults detected before the customer calls", 18.0, 50.0, "%"),
            text("\"The status page was green while my internet was dead.\""),
            list(&["Network operations"]),
        ],
    )
    .step(
        "Tries to fix it",
        vec![
            text("Restarts the router, follows the help article, tethers to her phone"),
            tp(&[
                (Web, "Help article"),
                (MobileApp, "Provider app troubleshooter"),
            ]),
            text("I've done all this. I need a human."),
            feel(-1.0),
            list(&["Troubleshooter ends with 'contact us' and no context passed on"]),
            list(&["Troubleshooter results attached to the support case"]),
            metric("Self-service resolution", 24.0, 35.0, "%"),
            text("\"I did every step twice before I called.\""),
            list(&["Digital self-service"]),
        ],
    )
    .stage("Contact")
    .step(
        "Calls the helpline",
        vec![
            text("Waits 38 minutes in the phone queue; is cut off once"),
            tp(&[(Phone, "Helpline IVR and queue")]),
            text("Six years a customer and this is how they treat me."),
            feel(-2.0),
            list(&["No callback option", "Four IVR menus before the queue"]),
            list(&[
                "Offer a callback slot",
                "Skip the IVR when the line is known to be faulty",
            ]),
            kpis(&[
                ("Average speed of answer", 38.0, 5.0, " min"),
                ("Abandoned calls", 21.0, 8.0, "%"),
            ]),
            text("\"Forty minutes of hold music, then the line went dead.\""),
            list(&["Contact centre"]),
        ],
    )
    .step(
        "Explains to agent",
        vec![
            text("Repeats the story; is asked to restart the router again"),
            tp(&[(Phone, "First-line agent")]),
            text("Are they even reading what I tried?"),
            feel(-2.0),
            list(&[
                "Agent script ignores earlier troubleshooting",
                "No case number given",
            ]),
            list(&[
                "Agent sees the app troubleshooting log",
                "Case number by SMS at the start",
            ]),
            metric("Customers repeating their issue", 64.0, 20.0, "%"),
            text("\"I've restarted that router more times than I've restarted my laptop.\""),
            list(&["Contact centre", "Training"]),
        ],
    )
    .stage("Diagnosis")
    .step(
        "Engineer booked",
        vec![
            text("Agent runs a line test, finds a fault, books an engineer in 3 days"),
            tp(&[(Phone, "Agent"), (MobileApp, "SMS with appointment")]),
            text("Three days without internet at month-end?"),
            feel(-1.0),
            list(&[
                "Earliest slot 3 days away",
                "No temporary connection offered",
            ]),
            list(&["Send a 4G backup router the next day"]),
            metric("Time to engineer visit", 72.0, 24.0, " h"),
            text("\"At least someone finally believed me.\""),
            list(&["Field scheduling"]),
        ],
    )
    .step(
        "Engineer no-show",
        vec![
            text("Takes a morning off; the engineer doesn't come and nobody calls"),
            tp(&[
                (MobileApp, "SMS 'engineer on the way'"),
                (Phone, "Call to find out where"),
            ]),
            text("That's it. I'm making a complaint."),
            feel(-2.0),
            list(&[
                "Missed appointment not communicated",
                "SMS said 'on the way' regardless",
            ]),
            list(&[
                "Real-time engineer tracking",
                "Automatic compensation for missed visits",
            ]),
            metric("Missed appointments", 7.0, 2.0, "%"),
            text("\"I took a morning off for nothing. Not even a phone call.\""),
            list(&["Field operations"]),
        ],
    )
    .stage("Resolution")
    .step(
        "Complains formally",
        vec![
            text("Writes a complaint in chat and posts on social media"),
            tp(&[
                (Chat, "Complaint in web chat"),
                (Social, "Public post tagging the provider"),
            ]),
            text("Maybe a public post will get their attention."),
            feel(-2.0),
            list(&["Complaint form asks for the account number she doesn't have to hand"]),
            list(&["Named case owner for complaints, reachable directly"]),
            kpis(&[
                ("Complaints per 1,000 customers", 4.1, 2.5, ""),
                ("Social escalations", 12.0, 5.0, "%"),
            ]),
            text("\"It shouldn't take a public post to get a reply.\""),
            list(&["Complaints team", "Social care team"]),
        ],
    )
    .step(
        "Case owner calls",
        vec![
            text("Gets a call from a named case owner within 2 hours; priority engineer booked"),
            tp(&[
                (Phone, "Case owner's direct line"),
                (Email, "Written apology and case summary"),
            ]),
            text("Finally someone who owns this."),
            feel(0.0),
            list(&["Escalation only after a public post"]),
            list(&["Trigger case ownership after the second contact, not the complaint"]),
            metric("Complaint acknowledged within 24 h", 82.0, 98.0, "%"),
            text("\"She said 'I'll call you tomorrow at 9' — and she did.\""),
            list(&["Complaints team"]),
        ],
    )
    .step(
        "Fault is fixed",
        vec![
            text("Engineer replaces a corroded joint in the street cabinet; speed back to 70 Mbps"),
            tp(&[(Other, "Engineer at the door"), (MobileApp, "Speed test")]),
            text("It works. Finally I can catch up."),
            feel(1.0),
            list(&["Four days offline in total"]),
            list(&["Cabinet inspections where faults cluster"]),
            kpis(&[
                ("Time to resolve", 4.0, 2.0, " days"),
                ("First-time fix", 78.0, 90.0, "%"),
            ]),
            text("\"The engineer explained what was wrong. That helped.\""),
            list(&["Field operations", "Network maintenance"]),
        ],
    )
    .stage("Follow-up")
    .step(
        "Gets compensation",
        vec![
            text("Gets a €40 credit and a month free without asking"),
            tp(&[
                (Email, "Compensation confirmation"),
                (Web, "Bill shows the credit"),
            ]),
            text("Fair. They didn't make me fight for it."),
            feel(1.0),
            list(&["Credit shows only on next month's bill"]),
            list(&["Instant credit visible in the app"]),
            metric("Compensation paid without asking", 35.0, 90.0, "%"),
            text("\"I expected to argue for it. I didn't have to.\""),
            list(&["Billing", "Complaints team"]),
        ],
    )
    .step(
        "Follow-up call",
        vec![
            text("Case owner checks in a week later; Maria cancels her switch to a competitor"),
            tp(&[(Phone, "Follow-up call"), (Email, "Short survey")]),
            text("They got it wrong, then they got it right. I'll stay."),
            feel(2.0),
            list(&["Survey asks about 'your recent call', not the whole case"]),
            list(&["Survey on the whole case, with the case owner named"]),
            kpis(&[
                ("CSAT after recovery", 4.4, 4.5, "/5"),
                ("Churn within 90 days of a complaint", 17.0, 8.0, "%"),
            ]),
            text("\"Honestly, the way they fixed it made me more loyal than before.\""),
            list(&["Customer experience team"]),
        ],
    )
    .done()
}
