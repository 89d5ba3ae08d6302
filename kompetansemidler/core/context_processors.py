from .menu import menu_for


def navigation(request):
    return {"main_menu": menu_for(request)}
