"""The printed patient handout: which sections fit a case, their words, and rendering them with WeasyPrint.

Import the modules themselves (`screening.handout.sections`, `.render`): the chooser needs no WeasyPrint.
"""
