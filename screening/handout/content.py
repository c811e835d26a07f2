"""Every patient-facing sentence of the handout, in English and Spanish.

Plain data so a clinician or translator can review it without reading code.
Written for a reading age of about 11-12: short sentences, and each medical
word explained where it first appears. Keys match screening/handout/sections.py
(steps, filters) and the handout template (labels). `{emergency}` and
`{phone}` are filled in from the clinic's configuration.

A step's text must never mention something a safety filter can remove unless
that step carries the filter's tag: the filters work on steps, not on words.
"""

EN = {
    "title": "Your leg pain: what to do next",
    "for": "For",
    "date": "Date",
    "phone": "Phone",
    "emergency_number_default": "the emergency number",
    "months": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "date_format": "{day} {month} {year}",
    "disposition": {
        "emergency": "You need emergency care now",
        "urgent": "A nurse or doctor needs to see you today",
        "routine": "Please book a visit in the next few days",
        "self-care": "You can care for your leg at home",
    },
    "disposition_tag": {
        "emergency": "EMERGENCY",
        "urgent": "TODAY",
        "routine": "BOOK A VISIT",
        "self-care": "HOME CARE",
    },
    "reasons_heading": "Why we say this",
    "no_reasons": "Your answers did not show any warning signs.",
    "now_heading": "What to do right now",
    "now": {
        "emergency": (
            "Tell the front desk now. If you are not at the clinic, call {emergency} now.",
            "Do not drive yourself.",
            "Sit or lie down and keep still until help comes.",
            "Show this paper to the staff who care for you.",
        ),
        "urgent": (
            "Show this paper to the front desk now.",
            "A nurse or doctor will see you today.",
            "Please do not go home before you have been seen.",
        ),
        "routine": (
            "Call us at {phone} to book a visit with a nurse or doctor.",
            "Until then, the steps below can help.",
        ),
    },
    "relief_heading": "Things that can help",
    "avoid_heading": "Please do not do these for now",
    "prevention_heading": "Stop it coming back",
    "come_back_heading": "When to come back",
    "come_back": (
        "Most sore legs get better within a few days. "
        "Call us at {phone} to book a visit if your leg is no better after 3 days, or if it gets worse."
    ),
    "warning_heading": "Warning signs: when to get help",
    "warning_groups": (
        {
            "key": "emergency",
            "heading": "Call {emergency} now if you have:",
            "items": (
                "Chest pain, or you are short of breath.",
                "You faint, or you nearly faint.",
                "A leg or foot that is cold, pale or blue.",
                "New trouble passing urine, or you cannot control your bladder or bowels, or your private parts or bottom feel numb.",
                "Sudden weakness or numbness in your leg.",
                "A fever with a hot, painful joint, or with a red and very painful area.",
            ),
        },
        {
            "key": "today",
            "heading": "Come back or call us today at {phone} if you have:",
            "items": (
                "Swelling in one leg only. It can be a blood clot in a vein (a DVT).",
                "Redness or warmth around the sore area.",
                "A fever or chills.",
                "Numbness or tingling, like pins and needles.",
                "You cannot take 4 steps on your leg.",
                "Very dark urine, brown or like cola.",
                "Sudden pain, or very bad pain.",
            ),
        },
        {
            "key": "soon",
            "heading": "Book a visit soon if:",
            "items": (
                "The pain gets worse over time.",
                "The pain is no better after a few days.",
            ),
        },
    ),
    # Added to a warning group by the patient's answers (handout_sections.WARNING_ADDITIONS).
    "warning_additions": {
        "pregnancy": "A bad headache, blurred vision or flashing lights, or sudden swelling of your face or hands.",
    },
    "avoid": {
        "clot_risk": (
            "No massage, no foam rolling, no heat and no tight socks or bandages. "
            "You have a higher chance of a blood clot, and these could make a clot worse."
        ),
        "fresh_injury": (
            "No heat and no stretching in the first 3 days after the injury. "
            "They can make the swelling worse."
        ),
        "claudication": (
            "No ice, no heat, no tight socks or bandages, and do not raise your leg up. "
            "Your leg may not get enough blood, and these could harm it."
        ),
        "under_16": (
            "No gels that calm swelling, called anti-inflammatory gels. No Epsom salts. "
            "Use them only if a doctor says so."
        ),
        "pregnancy": (
            "No anti-inflammatory gels, like ibuprofen gel. This is while you are pregnant and just after you give birth. "
            "Use them only if your doctor says so."
        ),
    },
    "steps": {
        "rest": (
            "Rest",
            "Take it easy for a day or two. Avoid the activity that made your leg sore. Short, easy walks are fine.",
        ),
        "relative_rest": (
            "Rest from what hurts",
            "Cut back on the sport or activity that hurts. Stay fit with one that does not hurt, like swimming or cycling. "
            "Go back to your sport slowly once the pain has gone.",
        ),
        "rice": (
            "R.I.C.E. for the first days",
            "R.I.C.E. stands for Rest, Ice, Compression and Elevation. Use these four steps for the first 2 to 3 days.",
        ),
        "ice": (
            "Ice",
            "Wrap an ice pack or a bag of frozen peas in a thin towel. Never put ice straight on your skin. "
            "Hold it on the sore spot for 15 to 20 minutes, every 2 to 3 hours.",
        ),
        "compression_bandage": (
            "Compression",
            "Compression means gentle pressure. It helps stop swelling. "
            "Wrap a stretchy bandage around the sore area, snug but not tight. "
            "Take it off to sleep, and at once if your toes tingle or turn pale or blue.",
        ),
        "elevation": (
            "Raise your leg",
            "Raising your leg is called elevation. It helps swelling go down. "
            "Rest your leg on pillows, higher than your heart, for 15 to 20 minutes a few times a day.",
        ),
        "gentle_stretching": (
            "Gentle stretching",
            "Once the worst pain has passed, stretch the sore muscles gently, to a mild pull, not pain. "
            "Hold each stretch for 20 to 30 seconds. Do not bounce. Repeat 2 or 3 times, once or twice a day.",
        ),
        "calf_stretch": (
            "Calf stretch",
            "Face a wall with your hands on it. Step one foot back, heel on the floor. "
            "Bend your front knee until you feel a pull in your lower leg. Hold for 20 to 30 seconds. "
            "Do not bounce. Do it 3 times on each leg.",
        ),
        "foam_rolling": (
            "Foam rolling",
            "A foam roller is a firm tube of foam. "
            "Lie with the sore muscle on it and roll slowly for 30 to 60 seconds. Keep it gentle. "
            "Stay off bones, joints and any spot with sharp pain.",
        ),
        "warm_bath_plain": (
            "Warm bath",
            "A warm bath can relax sore muscles. Make it warm, not hot, and soak for 15 to 20 minutes.",
        ),
        "warm_bath": (
            "Warm bath",
            "A warm bath can relax sore muscles. Make it warm, not hot, and soak for 15 to 20 minutes. "
            "If you like, add Epsom salts. They are a bath salt made of magnesium. Do not swallow them.",
        ),
        "pain_relief_gel": (
            "Pain relief gel",
            "Put a pain relief gel on the sore area. "
            "An anti-inflammatory gel, like ibuprofen gel, calms swelling. A menthol gel feels cool. "
            "Read the label first. Spread it gently and wash your hands after.",
        ),
        "menthol_gel": (
            "Cooling gel",
            "A cooling gel made with menthol can ease the pain. Read the label first. "
            "Spread it gently and wash your hands after. Ask a pharmacist before you use any other pain gel.",
        ),
        "active_recovery": (
            "Keep moving gently",
            "Light activity helps sore muscles heal. This is called active recovery. "
            "Try an easy walk, swim or bike ride for 10 to 20 minutes. Go slowly enough to talk.",
        ),
        "warm_up_cool_down": (
            "Warm up and cool down",
            "Before exercise, warm up with 5 to 10 minutes of easy moves, like a brisk walk. "
            "After, slow down the same way for 5 to 10 minutes. This is a cool-down.",
        ),
        "ten_percent_rule": (
            "Build up slowly: the 10% rule",
            "Each week, add no more than 10% to how far or how long you exercise. 10% is one tenth. "
            "For example, if you walk 60 minutes this week, walk no more than 66 minutes next week.",
        ),
        "footwear": (
            "Good shoes",
            "Wear shoes that fit well, hold your foot firmly and have a soft, thick sole. "
            "Get new sports shoes when the sole is worn down.",
        ),
        "fluids_electrolytes": (
            "Fluids and salts",
            "Drink water through the day, and more when it is hot or you exercise. "
            "Sweat takes out salts called electrolytes, like sodium and potassium. "
            "A sports drink, milk, a banana or a salty snack puts them back. "
            "If a doctor has told you to limit fluids, follow that advice.",
        ),
        "movement_breaks": (
            "Take movement breaks",
            "Every 30 to 60 minutes, move for a few minutes. Walk around, or rise up on your toes 10 times. "
            "When you must sit, point your toes up and down 10 times.",
        ),
        "compression_socks": (
            "Compression socks",
            "Compression socks squeeze your legs gently. This helps blood flow back up. "
            "Wear them in the day, not at night. A pharmacist can help you pick the size. "
            "Take them off if they hurt, or your toes go numb or change colour.",
        ),
        "anti_fatigue_mat": (
            "A soft mat to stand on",
            "If you stand in one place for a long time, stand on a soft, thick mat, called an anti-fatigue mat. "
            "Shift your weight from one leg to the other now and then.",
        ),
        "gentle_movement": (
            "Gentle movement",
            "Keep moving a little. Short, easy walks keep your blood flowing and stop your leg getting stiff. "
            "Stop if the pain gets much worse.",
        ),
        "sleep": (
            "Sleep well",
            "Your body heals while you sleep. Adults need 7 to 9 hours a night. Children and teens need more.",
        ),
        "water": (
            "Drink water",
            "Drink water through the day. Your urine should be pale yellow. "
            "If a doctor has told you to limit fluids, follow that advice.",
        ),
    },
}

ES = {
    "title": "Su dolor de pierna: qué hacer ahora",
    "for": "Para",
    "date": "Fecha",
    "phone": "Teléfono",
    "emergency_number_default": "número de emergencias",
    "months": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ),
    "date_format": "{day} de {month} de {year}",
    "disposition": {
        "emergency": "Necesita atención de urgencia ahora",
        "urgent": "Una enfermera o un médico debe verle hoy",
        "routine": "Pida una cita para los próximos días",
        "self-care": "Puede cuidar su pierna en casa",
    },
    "disposition_tag": {
        "emergency": "EMERGENCIA",
        "urgent": "HOY",
        "routine": "PEDIR CITA",
        "self-care": "EN CASA",
    },
    "reasons_heading": "Por qué le decimos esto",
    "no_reasons": "Sus respuestas no muestran señales de alarma.",
    "now_heading": "Qué hacer ahora mismo",
    "now": {
        "emergency": (
            "Avise ahora en la recepción. Si no está en la clínica, llame ya al {emergency}.",
            "No conduzca usted.",
            "Siéntese o acuéstese y no se mueva hasta que llegue ayuda.",
            "Dé esta hoja al personal que le atienda.",
        ),
        "urgent": (
            "Dé esta hoja ahora en la recepción.",
            "Una enfermera o un médico le verá hoy.",
            "Por favor, no se vaya a casa antes de que le vean.",
        ),
        "routine": (
            "Llámenos al {phone} para pedir cita con una enfermera o un médico.",
            "Hasta entonces, estos pasos le pueden ayudar.",
        ),
    },
    "relief_heading": "Cosas que le pueden ayudar",
    "avoid_heading": "Por ahora, no haga esto",
    "prevention_heading": "Para que no vuelva",
    "come_back_heading": "Cuándo volver",
    "come_back": (
        "Casi siempre, la pierna mejora en pocos días. "
        "Llámenos al {phone} para pedir cita si no mejora en 3 días, o si se pone peor."
    ),
    "warning_heading": "Señales de alarma: cuándo pedir ayuda",
    "warning_groups": (
        {
            "key": "emergency",
            "heading": "Llame ya al {emergency} si tiene:",
            "items": (
                "Dolor en el pecho, o le falta el aire.",
                "Se desmaya, o casi se desmaya.",
                "La pierna o el pie fríos, pálidos o azules.",
                "Le cuesta orinar, no aguanta la orina o las heces, o tiene dormidas sus partes o el ano.",
                "Debilidad o pierna dormida de repente.",
                "Fiebre con una articulación caliente y con dolor, o con una zona roja muy dolorosa.",
            ),
        },
        {
            "key": "today",
            "heading": "Vuelva o llámenos hoy al {phone} si tiene:",
            "items": (
                "Una sola pierna hinchada. Puede ser un coágulo de sangre (TVP).",
                "La zona que duele está roja o caliente.",
                "Fiebre o escalofríos.",
                "La pierna dormida o con hormigueo.",
                "No puede dar 4 pasos sobre esa pierna.",
                "Orina muy oscura, marrón o como la cola.",
                "Dolor de repente, o dolor muy fuerte.",
            ),
        },
        {
            "key": "soon",
            "heading": "Pida cita pronto si:",
            "items": (
                "El dolor va a peor con los días.",
                "El dolor no mejora en unos días.",
            ),
        },
    ),
    "warning_additions": {
        "pregnancy": "Un dolor de cabeza fuerte, o ve borroso o ve destellos de luz, o de repente se le hinchan la cara o las manos.",
    },
    "avoid": {
        "clot_risk": (
            "Nada de masajes, rodillo de espuma, calor, ni medias o vendas que aprieten. "
            "Usted tiene más riesgo de un coágulo de sangre, y esto lo podría empeorar."
        ),
        "fresh_injury": (
            "Nada de calor ni estiramientos en los 3 primeros días tras la lesión. "
            "Pueden hinchar más la zona."
        ),
        "claudication": (
            "Nada de hielo, calor, medias o vendas que aprieten, y no ponga la pierna en alto. "
            "Puede que a su pierna le llegue poca sangre, y esto le podría hacer daño."
        ),
        "under_16": (
            "Nada de geles antiinflamatorios, que bajan la hinchazón. Nada de sales de Epsom. "
            "Úselos solo si se lo dice un médico."
        ),
        "pregnancy": (
            "Nada de geles antiinflamatorios, como el de ibuprofeno. Esto vale en el embarazo y justo tras el parto. "
            "Úselos solo si se lo dice su médico."
        ),
    },
    "steps": {
        "rest": (
            "Descanso",
            "Tómelo con calma uno o dos días. No haga lo que le causó el dolor. Puede dar paseos cortos y suaves.",
        ),
        "relative_rest": (
            "Descanse de lo que duele",
            "Haga menos el deporte que le duele. Siga en forma con otro que no duela, como nadar o ir en bici. "
            "Vuelva poco a poco cuando ya no duela.",
        ),
        "rice": (
            "R.I.C.E. los primeros días",
            "R.I.C.E. son las letras en inglés de cuatro pasos: reposo, hielo, presión y pierna en alto. "
            "Úselos los 2 o 3 primeros días.",
        ),
        "ice": (
            "Hielo",
            "Envuelva una bolsa de hielo o de guisantes congelados en un paño fino. "
            "Nunca ponga el hielo directo sobre la piel. Póngalo en la zona de 15 a 20 minutos, cada 2 o 3 horas.",
        ),
        "compression_bandage": (
            "Presión con venda",
            "La presión suave, o compresión, evita que se hinche. "
            "Ponga una venda elástica en la zona, firme pero no apretada. "
            "Quítela para dormir, y ya si nota hormigueo o los dedos se ponen pálidos o azules.",
        ),
        "elevation": (
            "Pierna en alto",
            "Subir la pierna, o elevarla, ayuda a bajar la hinchazón. "
            "Ponga la pierna sobre cojines, más alta que el corazón, de 15 a 20 minutos varias veces al día.",
        ),
        "gentle_stretching": (
            "Estiramientos suaves",
            "Cuando pase lo peor, estire los músculos con suavidad, hasta un leve tirón, sin dolor. "
            "Aguante de 20 a 30 segundos. No dé rebotes. Repita 2 o 3 veces, una o dos veces al día.",
        ),
        "calf_stretch": (
            "Estirar la pantorrilla",
            "De cara a una pared, apoye las manos en ella. Lleve un pie atrás, con el talón en el suelo. "
            "Doble la rodilla de delante hasta notar un tirón. Aguante de 20 a 30 segundos, sin rebotes. "
            "Hágalo 3 veces con cada pierna.",
        ),
        "foam_rolling": (
            "Rodillo de espuma",
            "El rodillo es un tubo firme de espuma. "
            "Túmbese con el músculo sobre él y ruede despacio de 30 a 60 segundos. Apriete poco. "
            "No lo pase por huesos, articulaciones o puntos con dolor fuerte.",
        ),
        "warm_bath_plain": (
            "Baño tibio",
            "Un baño tibio relaja los músculos. Que no esté muy caliente. Quédese de 15 a 20 minutos.",
        ),
        "warm_bath": (
            "Baño tibio",
            "Un baño tibio relaja los músculos. Que no esté muy caliente. Quédese de 15 a 20 minutos. "
            "Si quiere, eche sales de Epsom, unas sales de baño con magnesio. No se las trague.",
        ),
        "pain_relief_gel": (
            "Gel para el dolor",
            "Ponga un gel para el dolor en la zona. "
            "Un gel antiinflamatorio, como el de ibuprofeno, baja la hinchazón. Un gel de mentol da frío. "
            "Lea antes la etiqueta. Extiéndalo con suavidad y lávese las manos después.",
        ),
        "menthol_gel": (
            "Gel que da frío",
            "Un gel con mentol da frío y calma el dolor. Lea antes la etiqueta. "
            "Extiéndalo con suavidad y lávese las manos después. "
            "Pregunte en la farmacia antes de usar otro gel para el dolor.",
        ),
        "active_recovery": (
            "Muévase con suavidad",
            "Moverse un poco ayuda a que el músculo se cure. Se llama recuperación activa. "
            "Camine, nade o vaya en bici de 10 a 20 minutos, tan despacio que pueda hablar.",
        ),
        "warm_up_cool_down": (
            "Calentar y enfriar",
            "Antes de hacer deporte, caliente de 5 a 10 minutos con algo suave, como andar rápido. "
            "Al acabar, baje el ritmo igual de 5 a 10 minutos. Eso es enfriar.",
        ),
        "ten_percent_rule": (
            "Poco a poco: la regla del 10%",
            "Cada semana, no sume más del 10% a lo que anda, corre o entrena. El 10% es la décima parte. "
            "Por ejemplo, si camina 60 minutos esta semana, camine 66 como mucho la próxima.",
        ),
        "footwear": (
            "Buen calzado",
            "Use zapatos que le queden bien, sujeten el pie y tengan una suela blanda y gruesa. "
            "Cambie las zapatillas de deporte cuando la suela esté gastada.",
        ),
        "fluids_electrolytes": (
            "Agua y sales",
            "Beba agua durante el día, y más si hace calor o hace deporte. "
            "El sudor le quita sales llamadas electrolitos, como el sodio y el potasio. "
            "Una bebida para deportistas, leche, un plátano o algo salado las repone. "
            "Si un médico le ha dicho que beba poco, haga lo que le dijo.",
        ),
        "movement_breaks": (
            "Pausas para moverse",
            "Cada 30 a 60 minutos, muévase un rato. Camine, o póngase de puntillas 10 veces. "
            "Si está sentado, suba y baje las puntas de los pies 10 veces.",
        ),
        "compression_socks": (
            "Medias de compresión",
            "Las medias de compresión aprietan la pierna con suavidad. Así la sangre sube mejor. "
            "Úselas de día, no de noche. En la farmacia le ayudan con la talla. "
            "Quíteselas si duelen, o si los dedos se duermen o cambian de color.",
        ),
        "anti_fatigue_mat": (
            "Una alfombra blanda",
            "Si pasa mucho rato de pie en un sitio, póngase sobre una alfombra blanda y gruesa, llamada antifatiga. "
            "Pase el peso de una pierna a la otra de vez en cuando.",
        ),
        "gentle_movement": (
            "Muévase un poco",
            "Siga moviéndose un poco. Los paseos cortos y suaves ayudan a la sangre y evitan que la pierna se ponga rígida. "
            "Pare si el dolor sube mucho.",
        ),
        "sleep": (
            "Duerma bien",
            "El cuerpo se cura mientras duerme. Un adulto necesita de 7 a 9 horas cada noche. Los niños y jóvenes, más.",
        ),
        "water": (
            "Beba agua",
            "Beba agua durante el día. La orina debe ser de color amarillo claro. "
            "Si un médico le ha dicho que beba poco, haga lo que le dijo.",
        ),
    },
}

TEXT = {"en": EN, "es": ES}


def text(language):
    """The handout's words in `language` ('en' or 'es')."""
    return TEXT[language]


def warning_groups(plan):
    """The warning-sign groups as printed for a HandoutPlan: each group's own
    items, then those the patient's answers add to it."""
    words = text(plan.language)
    return tuple(
        {**group, "items": group["items"] + tuple(
            words["warning_additions"][key] for joins, key in plan.warning_additions if joins == group["key"])}
        for group in words["warning_groups"]
    )
