from logocheck.cli import program

program()
