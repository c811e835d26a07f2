"""Red-flag triage (intake contract, section 2), written as data to review.

Each rule is one entry of RULES: its id, its tier, the condition that fires
it, a reason for the clinician and a reason for the patient in each language.
Conditions are built from a few small helpers so that each one also reads as
plain text: `screening rules` prints the whole table for clinical review.

The rules only ever add concern: a rule can fire, never cancel another, and
an `unsure` answer is never read as `no` (it fires `unsure-red-flag`).
"""
import hashlib
from dataclasses import dataclass
from typing import Mapping

from .asking import ASKED_WHEN
from .conditions import Condition, at_least, between, clot_risks_are, has, is_, is_not, under, yes
from .contract import RED_FLAGS
from .definitions import (
    ANKLE_SPRAIN, DEFINITIONS, GROWING_PAINS, INJURY_TRIGGERS, KNOWN, KNOWN_JOINT_FLARE, LATER,
    LONG_STANDING_NUMBNESS, LONG_STANDING_SWELLING, NOT_WORSE, ONE_LEG, PREGNANCY_CRAMPS, RECENT,
    SETTLING_INJURY, TYPICAL_OVERUSE,
)

EMERGENCY, URGENT, ROUTINE = "emergency", "urgent", "routine"
TIERS = (EMERGENCY, URGENT, ROUTINE)
# Contract revision 7 (2026-12); the fingerprint after it changes with any rule.
RULES_SERIES = "2026.12"


def unsure_flags(record):
    # .get: a case stored before a red flag existed has no answer to it (not
    # asked), and its reasons are still explained from the stored record.
    return [f for f in RED_FLAGS if record.get(f) == "unsure"]


# --- the rules ----------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    tier: str
    when: Condition
    clinician: str
    patient: Mapping[str, str]


# Short names of the red-flag questions, used to tell staff and the patient
# which answers were `unsure`.
RED_FLAG_NAMES = {
    "chest_pain": {"en": "chest pain", "es": "dolor en el pecho"},
    "short_of_breath": {"en": "shortness of breath", "es": "falta de aire"},
    "fainted": {"en": "fainting or nearly fainting", "es": "desmayo o casi desmayo"},
    "leg_cold_or_pale": {"en": "a cold or pale leg", "es": "pierna fría o pálida"},
    "bladder_or_bowel_change": {"en": "bladder or bowel changes", "es": "cambios al orinar o al evacuar"},
    "one_leg_swollen": {"en": "swelling of one leg", "es": "hinchazón de una pierna"},
    "redness_or_warmth": {"en": "red or warm skin", "es": "piel roja o caliente"},
    "fever_or_chills": {"en": "fever or chills", "es": "fiebre o escalofríos"},
    "numbness_or_tingling": {"en": "numbness or tingling", "es": "adormecimiento u hormigueo"},
    "leg_weakness": {"en": "leg weakness", "es": "debilidad de la pierna"},
    "cannot_bear_weight": {"en": "walking on the leg", "es": "caminar con la pierna"},
    "dark_urine": {"en": "dark urine", "es": "orina oscura"},
    "pregnancy_warning_signs": {"en": "warning signs in pregnancy", "es": "señales de alarma en el embarazo"},
}

RULES = (
    # Emergency: the patient needs emergency care now.
    Rule(
        "chest-or-breathing", EMERGENCY, yes("chest_pain", "short_of_breath"),
        "Chest pain or new breathlessness with leg pain: possible pulmonary embolism.",
        {"en": "You have chest pain or trouble breathing. With a sore leg, this can mean a blood clot has moved to the lungs.",
         "es": "Tiene dolor en el pecho o le cuesta respirar. Con una pierna adolorida, puede ser un coágulo de sangre que llegó a los pulmones."},
    ),
    Rule(
        "cold-pale-leg", EMERGENCY, yes("leg_cold_or_pale"),
        "Cold, pale or bluish leg: possible acute arterial occlusion.",
        {"en": "Your leg or foot is cold, pale or blue. This can mean the blood cannot get through to it.",
         "es": "Su pierna o su pie está frío, pálido o azul. Puede ser que la sangre no llegue bien."},
    ),
    Rule(
        "bladder-bowel", EMERGENCY, yes("bladder_or_bowel_change"),
        "New bladder or bowel dysfunction or saddle numbness: possible cauda equina syndrome.",
        {"en": "You have new trouble with your bladder or bowels, or numbness between your legs. This can mean the nerves in your lower back are being pressed.",
         "es": "Tiene problemas nuevos para orinar o para controlar la orina o las heces, o no siente bien la zona entre las piernas. Puede ser que los nervios de la espalda baja estén apretados."},
    ),
    Rule(
        "sudden-nerve-loss", EMERGENCY,
        is_("onset", "sudden") & is_("duration", *RECENT) & yes("leg_weakness", "numbness_or_tingling"),
        "Sudden-onset leg weakness or numbness within the last 3 days: possible stroke, cord compression or arterial event.",
        {"en": "In the last few days, your leg suddenly became weak or numb. This needs to be checked right away.",
         "es": "En los últimos días, su pierna se puso débil o dormida de repente. Hay que revisarla ahora mismo."},
    ),
    Rule(
        "severe-infection", EMERGENCY,
        yes("fever_or_chills") & (yes("joint_pain_or_stiffness") | (yes("redness_or_warmth") & at_least("pain_score", 7))),
        "Fever with joint pain, or with red warm skin and severe pain: possible septic arthritis or deep infection.",
        {"en": "You have a fever with a painful joint or with red, hot skin. This can be a serious infection.",
         "es": "Tiene fiebre y además una articulación adolorida o la piel roja y caliente. Puede ser una infección grave."},
    ),
    Rule(
        "fainting", EMERGENCY, yes("fainted"),
        "Syncope or near-syncope since the leg pain began: possible pulmonary embolism, "
        "leaking aortic aneurysm or other major bleeding, or sepsis.",
        {"en": "You fainted, or nearly fainted, since your leg started to hurt. With a sore leg, this can mean "
               "a blood clot in the lungs, bleeding inside the body, or a serious infection.",
         "es": "Usted se desmayó o estuvo a punto de desmayarse desde que empezó el dolor de pierna. Con una pierna adolorida, "
               "puede ser un coágulo de sangre en los pulmones, un sangrado por dentro del cuerpo o una infección grave."},
    ),
    Rule(
        "spinal-infection", EMERGENCY,
        yes("fever_or_chills") & yes("back_pain_radiating") & yes("leg_weakness", "numbness_or_tingling"),
        "Fever with back pain radiating down the leg and leg weakness or numbness: "
        "possible spinal epidural abscess or vertebral infection.",
        {"en": "You have a fever, pain that runs from your back down your leg, and your leg is weak or numb. "
               "This can be an infection pressing on the nerves in your back.",
         "es": "Tiene fiebre, un dolor que baja de la espalda por la pierna, y la pierna débil o dormida. "
               "Puede ser una infección que aprieta los nervios de la espalda."},
    ),
    Rule(
        "pregnancy-warning", EMERGENCY, yes("pregnancy_warning_signs"),
        "Severe headache, visual disturbance or sudden facial or hand swelling reported as a pregnancy warning sign: "
        "possible pre-eclampsia; check blood pressure and urine protein now.",
        {"en": "You have a bad headache, blurred vision or flashing lights, or sudden swelling of your face or hands. "
               "In pregnancy or just after a birth, this can be a sign of dangerous high blood pressure (pre-eclampsia).",
         "es": "Tiene un dolor de cabeza fuerte, ve borroso o ve destellos de luz, o de repente se le hincharon la cara o las manos. "
               "En el embarazo o después del parto, puede ser señal de presión alta peligrosa (preeclampsia)."},
    ),
    Rule(
        "muscle-breakdown", EMERGENCY,
        yes("dark_urine") & (at_least("pain_score", 7) | has("triggers", "new_or_intense_exercise")),
        "Dark, cola-coloured urine with severe pain or after new or intense exercise: possible rhabdomyolysis; "
        "needs IV fluids, CK and renal function now.",
        {"en": "Your urine is very dark, and your pain is strong or came after new or harder exercise. "
               "Your muscles may be breaking down fast, which can harm the kidneys. You need fluids and blood tests now.",
         "es": "Su orina está muy oscura, y el dolor es fuerte o empezó después de un ejercicio nuevo o más fuerte. "
               "Puede que sus músculos se estén dañando rápido, y eso puede afectar los riñones. "
               "Necesita líquidos y análisis de sangre ahora."},
    ),
    Rule(
        "possible-hip-fracture", EMERGENCY,
        has("triggers", "injury") & has("locations", "hip_buttock") & at_least("age_years", 60)
        & (yes("cannot_bear_weight") | is_("walking", "needs_help")),
        "Hip or groin pain after a fall or injury at 60 or over, cannot take four steps or now needs a frame "
        "or help to walk: suspected hip fracture (NICE CG124); ambulance, do not mobilise.",
        {"en": "Your hip or groin hurts after a fall or an injury, and you cannot walk on it as before. "
               "The hip bone may be broken. You need to go to hospital by ambulance. Do not try to walk on it.",
         "es": "Le duele la cadera o la ingle después de una caída o un golpe, y no puede caminar como antes. "
               "Puede que el hueso de la cadera esté roto. Necesita ir al hospital en ambulancia. "
               "No trate de caminar."},
    ),
    # Urgent: seen by a clinician today.
    Rule(
        "possible-clot-or-infection", URGENT,
        (yes("one_leg_swollen") & ~LONG_STANDING_SWELLING) | (yes("redness_or_warmth") & ~KNOWN_JOINT_FLARE),
        "Unilateral leg swelling or spreading redness/warmth: exclude DVT or cellulitis.",
        {"en": "One leg is swollen, or the skin is red or warm. A doctor or nurse needs to check for a blood clot or an infection today.",
         "es": "Tiene una pierna hinchada, o la piel roja o caliente. Hoy un médico o enfermero debe ver si hay un coágulo o una infección."},
    ),
    Rule(
        "fever", URGENT, yes("fever_or_chills"),
        "Fever or chills with leg pain.",
        {"en": "You have a fever or chills. This can be a sign of an infection.",
         "es": "Tiene fiebre o escalofríos. Puede ser señal de una infección."},
    ),
    Rule(
        "nerve-symptoms", URGENT, yes("leg_weakness") | (yes("numbness_or_tingling") & ~LONG_STANDING_NUMBNESS),
        "Numbness, tingling or weakness in the leg: assess for nerve involvement.",
        {"en": "Your leg feels numb, tingles or is weak. The nerves need to be checked.",
         "es": "Siente la pierna dormida, con hormigueo o débil. Hay que revisar los nervios."},
    ),
    Rule(
        "cannot-bear-weight", URGENT, yes("cannot_bear_weight"),
        "Cannot take four steps on the leg: exclude fracture or serious injury.",
        {"en": "You cannot take four steps on your leg. A bone or joint may be hurt.",
         "es": "No puede dar cuatro pasos con esa pierna. Puede haber un hueso o una articulación lastimada."},
    ),
    Rule(
        "dark-urine", URGENT, yes("dark_urine"),
        "Dark, cola-coloured urine: possible rhabdomyolysis; check CK and renal function.",
        {"en": "Your urine is very dark. This can mean muscle is breaking down, which can harm the kidneys.",
         "es": "Su orina está muy oscura. Puede ser que el músculo se esté dañando, y eso puede afectar los riñones."},
    ),
    Rule(
        "sudden-severe", URGENT, is_("onset", "sudden") & at_least("pain_score", 7) & ~KNOWN_JOINT_FLARE,
        "Sudden onset of severe pain (7/10 or more).",
        {"en": "Your pain started suddenly and it is strong.",
         "es": "Su dolor empezó de repente y es fuerte."},
    ),
    Rule(
        "very-severe-pain", URGENT, at_least("pain_score", 9),
        "Very severe pain (9/10 or more).",
        {"en": "Your pain is very strong.",
         "es": "Su dolor es muy fuerte."},
    ),
    Rule(
        "severe-after-injury", URGENT, has("triggers", "injury") & at_least("pain_score", 7),
        "Severe pain (7/10 or more) after an injury.",
        {"en": "You hurt your leg and the pain is strong.",
         "es": "Se lastimó la pierna y el dolor es fuerte."},
    ),
    Rule(
        "severe-worsening", URGENT, is_("trend", "worse") & at_least("pain_score", 7),
        "Severe pain (7/10 or more) that is getting worse.",
        {"en": "Your pain is strong and getting worse.",
         "es": "Su dolor es fuerte y está empeorando."},
    ),
    Rule(
        "possible-tendon-rupture", URGENT, has("triggers", "sudden_pain_during_activity") & has("locations", "calf", "ankle_heel"),
        "Sudden calf or heel pain during activity: exclude Achilles tendon or calf muscle rupture.",
        # Worded as what will be checked, not as a diagnosis: the same answers
        # come from a calf strain or a back problem felt in the calf.
        {"en": "Your calf or heel hurt all of a sudden during activity. A doctor or nurse needs to check the calf "
               "muscle and the cord at the back of the ankle (the Achilles tendon) today.",
         "es": "Le dolió la pantorrilla o el talón de repente al moverse. Hoy un médico o enfermero debe revisar "
               "el músculo de la pantorrilla y el cordón de atrás del tobillo (el tendón de Aquiles)."},
    ),
    Rule(
        "possible-fracture", URGENT,
        has("triggers", "injury") & (has("locations", "hip_buttock") | (at_least("age_years", 55) & ~SETTLING_INJURY)),
        "Injury to the hip, or at age 55 or over and not clearly settling: exclude fracture.",
        {"en": "You hurt your leg or hip. A bone may be broken, so it needs to be checked.",
         "es": "Se lastimó la pierna o la cadera. Puede haber un hueso roto, así que hay que revisarlo."},
    ),
    Rule(
        "clot-risk-high", URGENT, clot_risks_are(lambda n: n >= 2, "is 2 or more") | (clot_risks_are(lambda n: n == 1, "is 1") & ONE_LEG),
        "Clot risk factors (2 or more, or 1 with one-sided pain): assess for DVT (Wells) today.",
        {"en": "Some things about your health make a blood clot more likely. A clot needs to be ruled out today.",
         "es": "Algunas cosas de su salud hacen más probable un coágulo de sangre. Hoy hay que asegurarse de que no tenga uno."},
    ),
    Rule(
        "unsure-red-flag", URGENT, Condition(lambda r: bool(unsure_flags(r)), "any red flag is unsure"),
        "Unsure answer to red-flag questions: {unsure}. Settle these before the patient leaves.",
        # Both quote the form's own button ("Not sure", msgstr "No sé" in screening.po).
        {"en": "You chose “Not sure” for: {unsure}. A nurse will ask you about this before you go.",
         "es": "Usted eligió “No sé” en: {unsure}. Una enfermera le preguntará sobre esto antes de que se vaya."},
    ),
    Rule(
        "child-urgent", URGENT,
        under("age_years", 5)
        | (under("age_years", 16) & has("locations", "hip_buttock"))
        | (between("age_years", 9, 15) & has("locations", "knee"))
        | (under("age_years", 9) & has("locations", "knee")
           & (is_not("walking", "normal") | yes("cannot_bear_weight") | has("triggers", *INJURY_TRIGGERS)))
        | (under("age_years", 16) & is_("walking", "limping", "needs_help")),
        "Child under 5; under 16 with hip pain or a limp; 9 to 15 with knee pain (SUFE can present as knee pain); "
        "or under 9 with knee pain and a limp, injury or not weight-bearing: exclude hip pathology "
        "(e.g. SUFE, septic hip, Perthes) and fracture.",
        {"en": "A child with hip or knee pain, or a limp, needs to be checked by a doctor or nurse today.",
         "es": "Si un niño tiene dolor de cadera o de rodilla, o cojea, debe revisarlo hoy un médico o enfermero."},
    ),
    Rule(
        "possible-hip-stress-fracture", URGENT,
        has("triggers", "new_or_intense_exercise") & has("locations", "hip_buttock") & is_("trend", "worse")
        & is_("duration", *LATER),
        "Hip pain getting worse 4 days or more after new or intense exercise: exclude femoral neck stress fracture.",
        {"en": "Your hip hurts more and more since you began new or harder exercise. "
               "There may be a small crack in the bone (a stress fracture). "
               "It needs to be checked today, before you run or exercise again.",
         "es": "Le duele la cadera cada vez más desde que empezó un ejercicio nuevo o más fuerte. "
               "Puede haber una pequeña grieta en el hueso (una fractura por estrés). "
               "Hay que revisarla hoy, antes de que vuelva a correr o hacer ejercicio."},
    ),
    Rule(
        "foot-wound", URGENT, yes("foot_wound"),
        "Non-healing foot or toe wound, or a darkening toe: possible diabetic foot ulcer, infection or "
        "ischaemia; foot protection service triage within 1 working day (NICE NG19).",
        {"en": "You have a sore on your foot or toes that is not healing, or a toe that is turning dark. "
               "This needs to be checked today.",
         "es": "Tiene una herida en el pie o en los dedos que no se cura, o un dedo que se está poniendo oscuro. "
               "Hay que revisarlo hoy."},
    ),
    # Routine: book a clinician visit in the next days.
    Rule(
        "worsening", ROUTINE, is_("trend", "worse"),
        "Pain getting worse.",
        {"en": "Your pain is getting worse.",
         "es": "Su dolor está empeorando."},
    ),
    Rule(
        "not-improving", ROUTINE,
        is_("trend", "same") & is_("duration", *LATER) & ~(TYPICAL_OVERUSE | KNOWN | GROWING_PAINS | PREGNANCY_CRAMPS),
        "No improvement after 4 days or more.",
        {"en": "Your pain has not got better after several days.",
         "es": "Su dolor no ha mejorado después de varios días."},
    ),
    Rule(
        "persistent", ROUTINE, is_("duration", "over_4_weeks") & ~((KNOWN & NOT_WORSE) | GROWING_PAINS),
        "Pain for more than 4 weeks.",
        {"en": "You have had this pain for more than 4 weeks.",
         "es": "Tiene este dolor desde hace más de 4 semanas."},
    ),
    Rule(
        "severe-pain", ROUTINE, at_least("pain_score", 7),
        "Severe pain (7/10 or more).",
        {"en": "Your pain is strong.",
         "es": "Su dolor es fuerte."},
    ),
    Rule(
        "clot-risk", ROUTINE, clot_risks_are(lambda n: n == 1, "is 1") & is_("sides", "both"),
        "One clot risk factor with pain in both legs: consider DVT risk at review.",
        {"en": "Something in your health makes a blood clot a little more likely. A doctor or nurse should check.",
         "es": "Algo en su salud hace un poco más probable un coágulo de sangre. Un médico o enfermero debe revisarlo."},
    ),
    Rule(
        "under-16", ROUTINE, under("age_years", 16) & ~GROWING_PAINS,
        "Under 16: these rules are written for adults.",
        {"en": "This check is made for adults, so a doctor or nurse should see a young person.",
         "es": "Esta revisión está hecha para adultos, así que un médico o enfermero debe ver a un joven."},
    ),
    Rule(
        "claudication", ROUTINE, yes("calf_pain_walking_relieved_by_rest"),
        "Calf pain on walking relieved by rest: possible intermittent claudication (PAD).",
        {"en": "Your calf hurts when you walk and gets better when you stop. This can mean less blood reaches your leg.",
         "es": "Le duele la pantorrilla al caminar y mejora al parar. Puede ser que llegue poca sangre a la pierna."},
    ),
    Rule(
        "restless-legs", ROUTINE, yes("urge_to_move_legs"),
        "Urge to move the legs, worse in the evening: possible restless legs syndrome.",
        {"en": "You feel you must move your legs, mostly at night. A doctor can help with this.",
         "es": "Siente que tiene que mover las piernas, más que nada de noche. Un médico le puede ayudar."},
    ),
    Rule(
        "sciatica", ROUTINE, yes("back_pain_radiating"),
        "Pain radiating from the lower back down the leg: possible sciatica.",
        {"en": "Your pain runs from your lower back down your leg. A nerve may be pinched.",
         "es": "El dolor baja desde la espalda baja por la pierna. Puede haber un nervio apretado."},
    ),
    Rule(
        "joint", ROUTINE,
        yes("joint_pain_or_stiffness") & ~(TYPICAL_OVERUSE | is_("known_problem", "joint") | ANKLE_SPRAIN),
        "Hip, knee or ankle joint pain or stiffness: possible arthritis.",
        {"en": "A joint in your hip, knee or ankle hurts or feels stiff.",
         "es": "Le duele o siente rígida una articulación de la cadera, la rodilla o el tobillo."},
    ),
    Rule(
        "varicose-veins", ROUTINE, yes("varicose_veins"),
        "Varicose veins with a heavy, aching leg.",
        {"en": "You have bulging veins and your leg feels heavy.",
         "es": "Tiene venas hinchadas y la pierna se siente pesada."},
    ),
    Rule(
        "widespread-pain", ROUTINE, yes("widespread_pain"),
        "Widespread body pain, not only the legs.",
        {"en": "You have aches in many parts of your body, not only your legs.",
         "es": "Le duelen muchas partes del cuerpo, no solo las piernas."},
    ),
    Rule(
        "known-joint-flare", ROUTINE, KNOWN_JOINT_FLARE,
        "Recurrent known gout or arthritis flare of a foot or ankle joint, as before, not worsening, afebrile, "
        "no clot risk or injury: review within days (e.g. urate-lowering therapy, NICE NG219).",
        {"en": "This looks like one of your usual flare-ups. Book a visit to talk about treatment and about "
               "stopping the flare-ups.",
         "es": "Esto parece una de sus crisis de siempre. Pida una cita para hablar del tratamiento y de cómo "
               "evitar nuevas crisis."},
    ),
    Rule(
        "long-standing-numbness", ROUTINE, LONG_STANDING_NUMBNESS,
        "Symmetrical numbness or tingling for over 4 weeks, gradual, not worsening, without weakness, radiating "
        "back pain, cancer or a foot wound: check for diabetes, B12 deficiency and other causes; foot check.",
        {"en": "Your feet or legs have been numb or tingly for a long time. This should be checked. "
               "Book a visit, and look at your feet every day.",
         "es": "Tiene los pies o las piernas dormidos o con hormigueo desde hace tiempo. Hay que revisarlo. "
               "Pida una cita, y mírese los pies todos los días."},
    ),
    Rule(
        "long-standing-swelling", ROUTINE, LONG_STANDING_SWELLING,
        "One leg swollen for over 4 weeks with varicose veins, gradual, not worsening, no redness, fever or clot "
        "risk: likely chronic venous disease (NICE CG168); examine, and scan if a DVT cannot be excluded.",
        {"en": "Your leg has been swollen for a long time. Book a visit so a nurse or doctor can check the veins "
               "and the skin.",
         "es": "Su pierna lleva mucho tiempo hinchada. Pida una cita para que una enfermera o un médico le revise "
               "las venas y la piel."},
    ),
    Rule(
        "overuse-warning", ROUTINE, yes("overuse_warning"),
        "Overuse pain with focal bony tenderness, rest or night pain, or no better after 2 weeks' relative rest: "
        "possible stress fracture or a non-settling overuse injury; no impact loading until assessed.",
        {"en": "Pain at one spot on a bone, or pain at night, can be a small crack in the bone. Pain that has "
               "not eased with rest also needs a check. Stop running and jumping until you have been seen.",
         "es": "El dolor en un solo punto del hueso, o el dolor de noche, puede ser una pequeña grieta en el "
               "hueso. Un dolor que no mejoró con reposo también hay que revisarlo. No corra ni salte hasta que "
               "le hagan la revisión."},
    ),
    Rule(
        "older-adult-fall", ROUTINE, at_least("age_years", 55) & has("triggers", "injury"),
        "Fall or injury at 55 or over: ask about falls and offer a falls risk assessment (NICE NG249).",
        {"en": "After a fall or another injury, a check can show why it happened and how to stop it "
               "happening again.",
         "es": "Después de una caída u otra lesión, una revisión puede mostrar por qué pasó y cómo evitar que "
               "vuelva a pasar."},
    ),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}


def _fingerprint():
    text = "\n".join(
        [f"{r.id}|{r.tier}|{r.when.text}|{r.clinician}|{sorted(r.patient.items())}" for r in RULES]
        + [f"{d.text}|{d.meaning}" for d in DEFINITIONS]
        + [f"{field}|{c.text}" for field, c in ASKED_WHEN.items()]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:10]


# Any change to a rule's id, tier, condition or wording, to a definition it
# uses or to when a question is asked changes the version,
# so a stored case can always be traced to the exact rule set that decided it.
RULES_VERSION = f"{RULES_SERIES}+{_fingerprint()}"


# --- evaluation ---------------------------------------------------------------


@dataclass(frozen=True)
class FiredRule:
    id: str
    tier: str
    clinician_reason: str
    patient_reason: str

    def to_dict(self):
        return {
            "id": self.id,
            "tier": self.tier,
            "clinician_reason": self.clinician_reason,
            "patient_reason": self.patient_reason,
        }


@dataclass(frozen=True)
class TriageResult:
    disposition: str
    emergency: bool
    rules: tuple
    rules_version: str

    @property
    def rule_ids(self):
        return [r.id for r in self.rules]

    def to_dict(self):
        return {
            "disposition": self.disposition,
            "emergency": self.emergency,
            "rules": [r.to_dict() for r in self.rules],
            "rules_version": self.rules_version,
        }


def explain(rule, record, language):
    """A fired rule with its reasons, in the given language."""
    unsure = unsure_flags(record)
    return FiredRule(
        rule.id,
        rule.tier,
        rule.clinician.format(unsure=", ".join(RED_FLAG_NAMES[f]["en"] for f in unsure)),
        rule.patient[language].format(unsure=", ".join(RED_FLAG_NAMES[f][language] for f in unsure)),
    )


def triage(record):
    """Triage a validated record: every rule that fired, most serious first."""
    language = record.get("language", "en")
    # RULES is written in contract order (tier, then table order), so a stable
    # sort by tier keeps that order and guards against an entry put in the
    # wrong place.
    rules = sorted((r for r in RULES if r.when(record)), key=lambda r: TIERS.index(r.tier))
    fired = tuple(explain(r, record, language) for r in rules)
    tiers = {r.tier for r in fired}
    if tiers & {EMERGENCY, URGENT}:
        disposition = "urgent"
    elif tiers:
        disposition = "routine"
    else:
        disposition = "self-care"
    return TriageResult(disposition, EMERGENCY in tiers, fired, RULES_VERSION)


# Contract section 5: the red flags that stop the form at once, and the only
# rules an early-stop case is ever triaged by.
EARLY_STOP_FLAGS = ("chest_pain", "short_of_breath", "fainted", "leg_cold_or_pale", "bladder_or_bowel_change")
EARLY_STOP_RULES = ("chest-or-breathing", "fainting", "cold-pale-leg", "bladder-bowel")


class _Unanswered(dict):
    """A partial record read by rules: a question not yet asked has no answer (never `no`)."""

    def __missing__(self, key):
        return None


def may_not_walk(record):
    """A patient who cannot, or is not sure they can, take four steps: never
    sent walking to the desk, on the result page or on the handout."""
    return record.get("cannot_bear_weight") in ("yes", "unsure")


def stops_early(answers):
    """Whether these answers (a partial record) hold a `yes` that stops the form."""
    return any(answers.get(flag) == "yes" for flag in EARLY_STOP_FLAGS)


def triage_early_stop(partial):
    """Triage an early stop's partial record by the four early-stop rules only.

    The partial record holds only the answers given so far; the rest of the
    rules are never run on it. ValueError when none of the four fires: then
    it is no early stop, and the form must go on.
    """
    language = partial.get("language", "en")
    record = _Unanswered(partial)
    # In RULES order, as triage() would list them.
    fired = tuple(explain(r, record, language) for r in RULES if r.id in EARLY_STOP_RULES and r.when(record))
    if not fired:
        raise ValueError("no early-stop answer is yes")
    return TriageResult("urgent", True, fired, RULES_VERSION)


def describe():
    """The rule table as plain text, for clinical review."""
    lines = [f"Rules {RULES_VERSION}", ""]
    for rule in RULES:
        lines += [f"{rule.id} [{rule.tier}]", f"  fires when: {rule.when.text}", f"  clinician: {rule.clinician}"]
        lines += [f"  patient ({lang}): {text}" for lang, text in rule.patient.items()]
    lines += ["", "Definitions used above"]
    lines += [f"{d.text}: {d.meaning}" for d in DEFINITIONS]
    lines += ["", "Follow-up and pregnancy questions: the form asks each only when"]
    lines += [f"{field}: {condition.text}" for field, condition in ASKED_WHEN.items()]
    return "\n".join(lines)
