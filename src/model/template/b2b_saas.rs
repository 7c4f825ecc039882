//! B2B SaaS buying journey: a helpdesk platform bought by a 400-person
//! company, followed through a champion and the economic buyer.

use super::{feel, kpis, list, metric, text, tp, Draft};
use crate::model::{Channel::*, JourneyMap, LaneKind};

pub fn b2b_saas(id: &str) -> JourneyMap {
    Draft::new(
        id,
        "B2B SaaS buying journey",
        "A mid-size retailer replaces shared inboxes with a helpdesk platform: five months \
         from the first complaint to 60 agents working in it, seen by the champion and the CFO.",
    )
    .persona(
        "Priya, champion",
        "Head of Customer Support and champion of the purchase",
        &[
            "Cut first-response time below 4 hours",
            "See every conversation in one place",
        ],
        &[
            "Agents copy tickets between three inboxes",
            "Has to sell the case upwards alone",
        ],
    )
    .profile(
        &[
            "38 years old",
            "Rotterdam, Netherlands",
            "Leads 24 support agents",
        ],
        &[Email, Web, WordOfMouth],
        "I can't walk into the CFO's office with a feeling. I need numbers.",
    )
    .persona(
        "Daniel, CFO",
        "CFO and economic buyer, signs every contract over €20k",
        &[
            "A payback period under 12 months",
            "No surprise costs at renewal",
        ],
        &[
            "Tool sprawl: 38 SaaS subscriptions",
            "Vendors who discount now and raise prices later",
        ],
    )
    .profile(
        &[
            "52 years old",
            "Amsterdam, Netherlands",
            "Approves all spend over €20k",
        ],
        &[Email, Phone],
        "Show me the payback, not the feature list.",
    )
    .lane(LaneKind::Text, "Doing")
    .lane(LaneKind::Touchpoints, "Touchpoints")
    .lane(LaneKind::Text, "Thinking")
    .feeling("Champion", 0)
    .feeling("CFO", 1)
    .lane(LaneKind::PainPoints, "Pain points")
    .lane(LaneKind::Opportunities, "Opportunities")
    .lane(LaneKind::Metrics, "KPIs")
    .lane(LaneKind::Quotes, "Quotes")
    .lane(LaneKind::Owners, "Owner (vendor side)")
    .stage("Problem recognition")
    .step(
        "Backlog spikes",
        vec![
            text("Counts 2,300 unanswered emails after Black Friday; two agents quit"),
            tp(&[
                (Email, "Shared support@ inbox"),
                (Chat, "Team Slack channel"),
            ]),
            text("We can't keep doing this with Gmail labels."),
            feel(-2.0),
            feel(0.0),
            list(&[
                "No view of ticket volume or age",
                "Duplicate replies to the same customer",
            ]),
            list(&["Content on 'signs you outgrew your shared inbox'"]),
            kpis(&[
                ("First response time", 31.0, 4.0, " h"),
                ("CSAT", 71.0, 85.0, "%"),
            ]),
            text("\"We found out about a complaint from a one-star review, not from our inbox.\""),
            list(&["Content marketing"]),
        ],
    )
    .step(
        "Pitches the CFO",
        vec![
            text("Writes a one-page memo: cost of churned customers vs. a tool"),
            tp(&[
                (Email, "Memo to CFO"),
                (Other, "Monthly leadership meeting"),
            ]),
            text("I need numbers Daniel trusts, not anecdotes."),
            feel(-1.0),
            feel(-1.0),
            list(&[
                "No benchmark data to hand",
                "Budget cycle closed two months ago",
            ]),
            list(&["ROI calculator with industry benchmarks the champion can forward"]),
            metric("Support cost per order", 1.9, 1.2, " €"),
            text("\"Another tool? Show me what it saves, not what it costs.\""),
            list(&["Product marketing"]),
        ],
    )
    .stage("Research")
    .step(
        "Builds a long list",
        vec![
            text("Asks peers, reads G2 grid and two analyst reports; lists 9 vendors"),
            tp(&[
                (WordOfMouth, "Support leaders' community"),
                (Web, "G2 and Capterra reviews"),
                (Social, "LinkedIn posts"),
            ]),
            text("Everyone says 'it depends'. Which ones fit retail?"),
            feel(0.0),
            feel(0.0),
            list(&["Pricing hidden behind 'contact sales' for 6 of 9"]),
            list(&["Public pricing page with a realistic 60-seat example"]),
            metric("Vendors on long list", 9.0, 5.0, ""),
            text("\"I spent a week on spreadsheets before talking to anyone.\""),
            list(&["SEO", "Review programme"]),
        ],
    )
    .step(
        "Books three demos",
        vec![
            text("Fills in three demo forms; one SDR calls within 10 minutes"),
            tp(&[
                (Web, "Demo request form"),
                (Phone, "SDR qualification call"),
            ]),
            text("Please don't make me repeat my needs three times."),
            feel(1.0),
            feel(0.0),
            list(&["12-field form", "Generic demo ignores retail use case"]),
            list(&["Tailored demo using her own ticket categories"]),
            kpis(&[
                ("Demo show rate", 62.0, 75.0, "%"),
                ("Speed to lead", 10.0, 5.0, " min"),
            ]),
            text("\"The second demo felt like they'd read my form. The others didn't.\""),
            list(&["Sales development"]),
        ],
    )
    .stage("Evaluation and trial")
    .step(
        "Runs a pilot",
        vec![
            text("Connects the inbox and Shopify, routes real tickets for a month"),
            tp(&[
                (Web, "Trial workspace"),
                (Email, "Onboarding sequence"),
                (Chat, "Vendor's in-app chat"),
            ]),
            text("If the agents like it, half the battle is won."),
            feel(2.0),
            feel(0.0),
            list(&["Shopify integration needs an admin she doesn't have"]),
            list(&["Guided pilot plan with success criteria agreed up front"]),
            kpis(&[
                ("Pilot agents active weekly", 7.0, 8.0, ""),
                ("Tickets handled in trial", 1840.0, 1500.0, ""),
            ]),
            text("\"Three days in, the team asked if they could keep it.\""),
            list(&["Solutions engineering"]),
        ],
    )
    .step(
        "Scores finalists",
        vec![
            text("Scores both vendors on a 20-line matrix with the team lead and IT"),
            tp(&[
                (Web, "Shared scoring sheet"),
                (Phone, "Reference call with a customer"),
            ]),
            text("The cheaper one lacks SLAs per channel. Does that matter?"),
            feel(1.0),
            feel(1.0),
            list(&["Feature lists use different words for the same thing"]),
            list(&["Comparison guide written for buyers, not against competitors"]),
            metric("Win rate vs. main competitor", 41.0, 50.0, "%"),
            text("\"The reference customer was a retailer our size. That sealed it for me.\""),
            list(&["Account executive", "Customer marketing"]),
        ],
    )
    .stage("Procurement & security")
    .step(
        "Security review",
        vec![
            text("Forwards a 240-question questionnaire; asks for SOC 2 and a DPA"),
            tp(&[
                (Email, "Questionnaire from IT"),
                (Web, "Vendor trust centre"),
            ]),
            text("This could take weeks and I can't speed it up."),
            feel(-2.0),
            feel(0.0),
            list(&[
                "Questionnaire answered in 19 days",
                "Champion stuck chasing both sides",
            ]),
            list(&["Trust centre with pre-filled CAIQ and SOC 2 on request"]),
            metric("Security review time", 19.0, 7.0, " days"),
            text("\"Our deal sat in IT's queue for three weeks and nobody told me why.\""),
            list(&["Security and compliance"]),
        ],
    )
    .step(
        "Negotiates terms",
        vec![
            text("CFO asks for a 2-year price lock and a 60-seat tier instead of 75"),
            tp(&[
                (Email, "Redlined order form"),
                (Phone, "Call with the vendor's finance"),
            ]),
            text("Daniel: what happens at renewal? Priya: please don't lose this now."),
            feel(-1.0),
            feel(-1.0),
            list(&[
                "Seat minimums above real need",
                "Legal review of the MSA adds 10 days",
            ]),
            list(&[
                "Standard terms with a price cap at renewal",
                "Ramp pricing for seats",
            ]),
            kpis(&[
                ("Discount given", 12.0, 10.0, "%"),
                ("Sales cycle", 142.0, 110.0, " days"),
            ]),
            text("\"I'll sign if the price can't jump 30% next year.\""),
            list(&["Deal desk", "Legal"]),
        ],
    )
    .stage("Purchase")
    .step(
        "Budget approval",
        vec![
            text("CFO moves €43k from next year's budget after checking the payback model"),
            tp(&[
                (Other, "Budget committee"),
                (Email, "Payback model from the vendor"),
            ]),
            text("Daniel: seven months to payback, if the numbers hold. Priya: please say yes."),
            feel(0.0),
            feel(1.0),
            list(&["Payback model uses the vendor's averages, not our volumes"]),
            list(&["Payback model fed with the pilot's own numbers"]),
            metric("Forecast payback", 7.0, 12.0, " months"),
            text("\"Show me our numbers, not your case study's, and I'll find the budget.\""),
            list(&["Value engineering"]),
        ],
    )
    .step(
        "Signs the contract",
        vec![
            text("CFO signs by e-signature; purchase order raised for annual billing"),
            tp(&[
                (Email, "E-signature request"),
                (Email, "Welcome from the account manager"),
            ]),
            text("Finally. Now I have to deliver what I promised."),
            feel(2.0),
            feel(1.0),
            list(&["Supplier onboarding form asks for the same data again"]),
            list(&["Vendor pre-fills the supplier form from the contract"]),
            metric("Annual contract value", 43.0, 40.0, "k€"),
            text("\"Good price, clear terms. Now show me the savings by Q3.\""),
            list(&["Account executive", "Billing"]),
        ],
    )
    .stage("Onboarding and rollout")
    .step(
        "Trains 60 agents",
        vec![
            text("Imports 2 years of email history; trains agents in 3 groups of 20"),
            tp(&[
                (Web, "Help centre and academy"),
                (Other, "Live training sessions"),
                (Chat, "Onboarding manager"),
            ]),
            text("Will the import keep customer history intact?"),
            feel(-1.0),
            feel(0.0),
            list(&[
                "Import drops attachments over 20 MB",
                "Agents resist new macros",
            ]),
            list(&[
                "Migration dry-run report before cut-over",
                "Agent champions in each shift",
            ]),
            kpis(&[
                ("Time to go-live", 34.0, 30.0, " days"),
                ("Agents trained", 58.0, 60.0, ""),
            ]),
            text("\"Losing attachments on import nearly cost us the team's trust.\""),
            list(&["Onboarding", "Support engineering"]),
        ],
    )
    .step(
        "90-day review",
        vec![
            text("Shows the CFO response time, CSAT and cost per ticket before and after"),
            tp(&[
                (Web, "Analytics dashboard"),
                (Other, "Quarterly business review"),
            ]),
            text("Daniel: the payback is real. Priya: I look good in this meeting."),
            feel(2.0),
            feel(2.0),
            list(&["Dashboards don't export to the finance format"]),
            list(&[
                "Executive summary report built for CFOs",
                "Expansion offer for the sales team",
            ]),
            kpis(&[
                ("First response time", 3.2, 4.0, " h"),
                ("Net revenue retention", 112.0, 110.0, "%"),
            ]),
            text("\"It paid for itself in seven months. Renew it.\""),
            list(&["Customer success"]),
        ],
    )
    .done()
}
