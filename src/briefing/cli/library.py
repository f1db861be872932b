"""Library commands: validate, load, list, show, actors, actor. (Being implemented.)"""
