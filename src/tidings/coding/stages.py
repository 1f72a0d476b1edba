"""The bundled coder's stages and the order of their rules: the one place it is declared.

A sentence flows through the stages top to bottom (`pipeline.EventCoder`):

    triggers     verbs matching verbs.tsv (triggers.py), nouns of noun_events.tsv (nominal.py)
    proposals    when no verb matched: the main clause's event type from a classifier,
                 if the coder has one (proposals.py)
    modality     what was not done is not coded: negated ("neither ... nor"), failed, vowed
                 not to, hedged, conditional ("were Iran to attack"), standing states ("has
                 long opposed"), blocked; a refusal (12x) or halt ("no longer supplies" 16x)
                 replaces its act, a must/ought in reported speech is a demand (modality.py)
    merging      triggers folded into others: complements, participles, demands (frames.py)
    frames       the code a frame verb takes from its complement (frames.py)
    code_shifts  joint exercises, future as intent, for plain verbs (frames.py)
    protest_aims a protest coded by the demand it carries (frames.py)
    sources      who acts (sources.py)
    targets      whom the act concerns (targets.py)
    adjustments  final changes once both sides are known (adjustments.py)
    pairs        source-target pairs: reciprocal acts, missing targets, self-events (pipeline.py)
    statements   strong words said of another actor: criticism or praise (statements.py)
    events       Event records and confidence (events.py)

Arguments come from the story as well as the clause (`actors/memory.py`): "the attack",
"the raids", "the move" point to the author of the latest such act, and a reaction to
"the new law" or "the decision" to whoever made it ("Hungary's parliament passed a law");
blame for a harm goes to its author, never its victims ("condemned the attack on Moscow",
its author unknown, has no target), sympathy to the victims; generic groups ("protesters",
"elders") take the story's country. Two sectors of one country are two actors ("Kenyan
police arrested Kenyan opposition leaders"): only one actor on both sides is no event.

In stages whose rules are alternatives (proposals, modality, frames, sources, targets,
pairs, statements) the
first rule that fires decides; in the others (merging, code_shifts, protest_aims,
adjustments) every rule applies in turn. Rules take (state, candidate); merging rules
take the sentence's triggers, proposal rules the state alone; target rules take one
`targets.Arguments`.
"""
STAGES: dict[str, tuple[str, ...]] = {
    "proposals": ("learned_proposal",),
    "modality": ("negated", "negative_promise", "failed", "spoken_demand", "hedged",
                 "conditional", "standing_state", "alleged", "blocked"),
    "merging": ("frame_complements", "violent_participles", "protest_demands"),
    "frames": ("agree_that", "change_sought", "complement_code"),
    "code_shifts": ("joint_exercise", "future_intent"),
    "protest_aims": ("protest_aim",),
    "sources": ("speaker", "subject", "misparsed_subject", "passive_authority", "reporting_forces",
                "fighting_side", "deal_parties",
                "misattached_speaker", "act_owner"),
    "targets": ("spoken_about", "exercise_partners", "mediated_parties", "frame_object",
                "denial_answers_accuser", "clause_argument", "referred_act", "clause_fallback",
                "victims", "struck_place", "claimed_attack", "denial_addressee"),
    "adjustments": ("victims_of_place", "captor", "coerced_countrymen", "riot",
                    "unconventional_violence", "military_backing",
                    "own_population"),
    "pairs": ("each_other", "no_target", "one_way"),
    "statements": ("judged_statement",),
}
